/**
 * One or two real examples per command, printed at the end of its `--help`.
 * They use the files of `examples/` and run in the test suite (test/cli/docs.test.ts).
 */
export const HELP_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  init: ['dataguard init --origin hz.gov.cn/ledger'],
  scan: [
    'dataguard scan examples/residents.csv',
    'dataguard scan residents.gbk.csv --encoding auto --json',
  ],
  profile: [
    'dataguard profile examples/residents.csv --id residents > residents.dataset.json',
    'dataguard profile residents.gbk.csv --encoding gbk',
  ],
  grade: ['dataguard grade examples/residents.dataset.json'],
  protect: [
    'dataguard protect examples/residents.csv --dataset examples/residents.dataset.json --policy examples/share.policy.json --purpose statutory-duty --actor gov.example.civil-affairs --legal-basis statutory-duty --recipient gov.example.health --share-request examples/share-request.json',
  ],
  risk: [
    'dataguard risk examples/residents.csv --qi birth_date,sex,district --k 5',
    'dataguard risk examples/residents.csv --qi sex,district --sensitive diagnosis --html risk.html',
  ],
  ledger: ['dataguard ledger verify', 'dataguard ledger show --from 0 --to 10'],
  'ledger verify': ['dataguard ledger verify', 'dataguard ledger verify --verifier ledger.vkey'],
  'ledger show': ['dataguard ledger show', 'dataguard ledger show 0 --json'],
  'ledger prove': [
    'dataguard ledger prove 0 > proof.json',
    'dataguard ledger prove --consistency 1 > consistency.json',
  ],
  'ledger check-proof': ['dataguard ledger check-proof proof.json --verifier ledger.vkey'],
  'ledger checkpoint': ['dataguard ledger checkpoint > checkpoint.txt'],
  'ledger export': ['dataguard ledger export residents --format openlineage'],
  consent: [
    'dataguard consent record --consent consent.json --notice notice.json',
    'dataguard consent decide --request request.json',
  ],
  'consent record': ['dataguard consent record --consent consent.json --notice notice.json'],
  'consent withdraw': ['dataguard consent withdraw consent-1 --at 2026-02-15'],
  'consent decide': [
    'dataguard consent decide --request request.json --dataset examples/residents.dataset.json',
    'dataguard consent decide --request request.json --record',
  ],
  completion: [
    'dataguard completion bash > ~/.local/share/bash-completion/completions/dataguard',
    'dataguard completion zsh > ~/.zfunc/_dataguard',
  ],
  custody: [
    'dataguard custody residents --dataset examples/residents.dataset.json',
    'dataguard custody residents --at 2026-03-10 --verifier ledger.vkey',
  ],
  incident: [
    'dataguard incident residents.gov.example.health --kind leak --reported-by gov.example.health --discovered "2026-03-10 09:00"',
    'dataguard incident residents.gov.example.health --kind leak --reported-by gov.example.health --discovered 2026-03-10T09:00:00+08:00 --record --out incident.md',
  ],
  keys: ['dataguard keys generate --suite national --out .dataguard/keyring.json'],
  'keys generate': ['dataguard keys generate --suite international --out .dataguard/keyring.json'],
  'keys rotate': ['dataguard keys rotate .dataguard/keyring.json'],
  'keys export-verifier': ['dataguard keys export-verifier > ledger.vkey'],
  record: [
    'dataguard record share --actor gov.example.civil-affairs --purpose statutory-duty --legal-basis statutory-duty --input residents --output residents.health --recipient gov.example.health',
  ],
  'record collect': [
    'dataguard record collect --actor gov.example.civil-affairs --purpose statutory-duty --legal-basis statutory-duty --output residents',
  ],
  'record store': [
    'dataguard record store --actor gov.example.data-center --purpose statutory-duty --legal-basis statutory-duty --input residents',
  ],
  'record share': [
    'dataguard record share --actor gov.example.civil-affairs --purpose statutory-duty --legal-basis statutory-duty --input residents --output residents.health --recipient gov.example.health',
  ],
  'record provide': [
    'dataguard record provide --actor gov.example.civil-affairs --purpose statutory-duty --legal-basis statutory-duty --input residents --output residents.bank --recipient bank.example --recipient-kind enterprise',
  ],
  'record entrust': [
    'dataguard record entrust --actor gov.example.civil-affairs --purpose statutory-duty --legal-basis statutory-duty --input residents --recipient it.example --recipient-kind enterprise',
  ],
  'record delete': [
    'dataguard record delete --actor gov.example.health --purpose statutory-duty --legal-basis statutory-duty --input residents.health',
  ],
};
