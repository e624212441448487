import { createMemorySubjectIndex } from '../../src/pipeline/index.ts';
import { createPostgresSubjectIndex } from '../../src/store/postgres/index.ts';
import { createSqliteSubjectIndex } from '../../src/store/sqlite/index.ts';
import { runSubjectIndexConformance } from '../conformance/subject-index.ts';
import { announcePgSkip, PG_URL, postgresFactory, sqliteFactory } from './harness.ts';

announcePgSkip('subject-index.test.ts');

runSubjectIndexConformance('memory', () => createMemorySubjectIndex());

const sqlite = sqliteFactory();
runSubjectIndexConformance('sqlite', () => createSqliteSubjectIndex(sqlite()));

if (PG_URL !== undefined) {
  const pg = postgresFactory();
  runSubjectIndexConformance('postgres', async () => createPostgresSubjectIndex(await pg.fresh()));
}
