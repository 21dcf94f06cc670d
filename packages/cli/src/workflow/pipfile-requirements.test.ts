// Tests for the Pipfile entry -> PEP 508 adapter.
import { parsePipfile } from '@pipgrub/lockfile';
import { describe, expect, it } from 'vitest';
import { categoryRequirements } from './pipfile-requirements';

describe('categoryRequirements', () => {
  it('turns every entry form into PEP 508', () => {
    const p = parsePipfile(`[packages]
requests = "*"
flask = ">=3,<4"
six = "1.16.0"
urllib3 = {version = "<3", extras = ["socks"], markers = "python_version >= '3.8'"}
colorama = {version = "*", sys_platform = "== 'win32'"}
`);
    expect(categoryRequirements(p, 'packages')).toEqual([
      'requests',
      'flask>=3,<4',
      'six==1.16.0',
      "urllib3[socks]<3 ; python_version >= '3.8'",
      "colorama ; sys_platform == 'win32'",
    ]);
  });
  it('rejects path entries with a hint', () => {
    const p = parsePipfile('[packages]\nmine = {path = "."}\n');
    expect(() => categoryRequirements(p, 'packages')).toThrow(/not supported/);
  });
});
