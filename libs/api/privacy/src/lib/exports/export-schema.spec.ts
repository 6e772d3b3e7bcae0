import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_SCHEMA_MD } from './export-schema';

describe('the export schema', () => {
  it('is the same text in every ZIP and in the repository’s docs', () => {
    const docs = readFileSync(join(__dirname, '../../../../../../docs/privacy-export-schema.md'), 'utf8');
    expect(EXPORT_SCHEMA_MD).toBe(docs);
  });
});
