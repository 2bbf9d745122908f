// `node scripts/mutation-report.mjs`: after `npm run test:mutation`, turns Stryker's JSON report
// (reports/mutation/mutation.json) into the per-file table docs/mutation.md shows (printed) and
// docs/mutation-survivors.txt, every mutant that survived or that no test covers, with its line.
import { readFileSync, writeFileSync } from 'node:fs';

const report = JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8'));
const LEFT = new Set(['Survived', 'NoCoverage']);
const rows = [];
const survivors = [];
const total = { mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0 };

for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const lines = source.split('\n');
  const count = (status) => mutants.filter((mutant) => mutant.status === status).length;
  const row = {
    mutants: mutants.filter((mutant) => mutant.status !== 'Ignored').length,
    killed: count('Killed'),
    timeout: count('Timeout'),
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
  };
  for (const key of Object.keys(total)) total[key] += row[key];
  rows.push({ file, ...row });
  for (const mutant of mutants.filter((candidate) => LEFT.has(candidate.status))) {
    const { line, column } = mutant.location.start;
    survivors.push(
      `[${mutant.status}] ${mutant.mutatorName} ${file}:${line}:${column}\n    - ${lines[line - 1].trim()}\n    + ${mutant.replacement ?? ''}`,
    );
  }
}

const score = ({ killed, timeout, survived, noCoverage }) =>
  (((killed + timeout) / (killed + timeout + survived + noCoverage)) * 100).toFixed(2);
console.log('| file | mutants | killed | timed out | survived | no coverage | score |');
console.log('| :-- | --: | --: | --: | --: | --: | --: |');
for (const row of rows.filter((candidate) => candidate.mutants > 0)) {
  console.log(
    `| ${row.file} | ${row.mutants} | ${row.killed} | ${row.timeout} | ${row.survived} | ${row.noCoverage} | ${score(row)}% |`,
  );
}
console.log(
  `| **all** | ${total.mutants} | ${total.killed} | ${total.timeout} | ${total.survived} | ${total.noCoverage} | **${score(total)}%** |`,
);
writeFileSync('docs/mutation-survivors.txt', `${survivors.join('\n')}\n`);
