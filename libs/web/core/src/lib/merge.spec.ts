import { conflictingFields, mergeMine } from './merge';

describe('three-way merge after a conflict', () => {
  const base = { name: 'Eva', phone: '', city: 'Utrecht' };
  const theirs = { name: 'Eva', phone: '+31612345678', city: 'Utrecht' };
  const mine = { name: 'Eva de Vries', phone: '', city: 'Utrecht' };

  it('keeps their change to a field I did not touch, and mine where I typed', () => {
    expect(mergeMine(base, theirs, mine)).toEqual({ name: 'Eva de Vries', phone: '+31612345678', city: 'Utrecht' });
  });

  it('lists the fields that differ between their version and mine', () => {
    expect(conflictingFields(base, theirs, mine)).toEqual([
      { field: 'name', theirs: 'Eva', mine: 'Eva de Vries' },
      { field: 'phone', theirs: '+31612345678', mine: '' },
    ]);
  });
});
