// Builds the API reference with TypeDoc into docs/api/ (git-ignored): one
// page per public subpath, from the same entries as the build. With --strict
// warnings fail the run, so a broken {@link} or an undocumented export
// (TypeDoc's validation.notDocumented) is caught here.
import { Application, LogLevel, ReflectionKind } from 'typedoc';
import { libraryEntries } from './entries.mjs';

const entries = libraryEntries();
const app = await Application.bootstrapWithPlugins({
  entryPoints: Object.values(entries),
  entryPointStrategy: 'resolve',
  tsconfig: 'tsconfig.json',
  out: 'docs/api',
  name: 'dataguard',
  readme: 'README.md',
  excludePrivate: true,
  // The repository has no public remote yet to link declarations to.
  disableSources: true,
  excludeInternal: true,
  treatWarningsAsErrors: process.argv.includes('--strict'),
  logLevel: LogLevel.Warn,
  validation: { notExported: false, invalidLink: true, notDocumented: true },
  // Exported names carry TSDoc; the fields and methods of exported types are
  // not (yet) required to ('Function' would also demand every method
  // signature, so exported functions are checked below instead).
  requiredToBeDocumented: ['Enum', 'Variable', 'Class', 'Interface', 'TypeAlias'],
});
const project = await app.convert();
if (project === undefined || app.logger.hasErrors()) process.exit(1);
// The checks of `validation` (an undocumented export, a broken {@link}) run
// only when asked: the CLI calls validate(), the API does not.
const before = app.logger.warningCount;
app.validate(project);
// Every exported function has TSDoc on its signature.
for (const module of project.children ?? []) {
  for (const child of module.children ?? []) {
    if (!child.kindOf(ReflectionKind.Function)) continue;
    if (!(child.signatures ?? []).some((signature) => signature.hasComment())) {
      app.logger.warn(`${module.name}.${child.name} (Function) does not have any documentation`);
    }
  }
}
const strict = process.argv.includes('--strict');
if (app.logger.hasErrors() || (strict && app.logger.warningCount > before)) {
  console.error('API reference: validation failed (undocumented export or broken link above)');
  process.exit(1);
}
await app.generateDocs(project, 'docs/api');
if (app.logger.hasErrors() || (process.argv.includes('--strict') && app.logger.hasWarnings())) {
  process.exit(1);
}
console.log(`API reference: docs/api/index.html (${Object.keys(entries).length} entry points)`);
