// Grades the example dataset with the built package (run `npm ci` first, which builds it).
import { readFileSync } from 'node:fs';
import { createCatalog, defineDataset, gradeByImpact } from 'dataguard';

const definition = JSON.parse(
  readFileSync(new URL('./residents.dataset.json', import.meta.url), 'utf8'),
);
const residents = defineDataset(definition);
console.log(`dataset ${residents.id}: grade ${residents.grade}`);
for (const field of residents.fields) console.log(`  ${field.name.padEnd(15)} ${field.grade}`);

const catalog = createCatalog();
catalog.register(residents);
console.log(
  'negative list:',
  catalog
    .negativeList()
    .map((entry) => entry.field)
    .join(', '),
);
console.log(
  'public-interest, serious harm →',
  gradeByImpact([{ object: 'public-interest', degree: 'serious' }]),
);
