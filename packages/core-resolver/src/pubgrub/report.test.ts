import { describe, it, expect } from 'vitest';
import { solve } from './solver';
import { OfflineDependencyProvider } from './offline-provider';
import { DefaultReportFormatter, DefaultStringReporter } from './report';
import { IntRange, IntRangeKind } from './testing/int-range';
import type { ReportFormatter } from './report';
import { treeToJSON } from './tree-json';

/** Dart-style versions as integers: 1.1.0 -> 110; `^1.0.0` -> [100, 200). */
const v = (s: string): number => {
  const [a, b, c] = s.split('.').map(Number);
  return a! * 100 + b! * 10 + c!;
};
const caret = (s: string): IntRange => IntRange.between(v(s), (Math.floor(v(s) / 100) + 1) * 100);
const show = (n: number): string => `${Math.floor(n / 100)}.${Math.floor(n / 10) % 10}.${n % 10}`;

/**
 * Dart pub's wording of ranges: `^1.0.0` for caret ranges, otherwise the set simplified against the
 * versions that exist (so `foo ==1.0.0` among {1.0.0, 1.1.0} reads `foo <1.1.0`).
 */
class DartFormatter implements ReportFormatter<string, number, IntRange> {
  constructor(private readonly p: OfflineDependencyProvider<string, number, IntRange>) {}
  packageName(pkg: string): string {
    return pkg;
  }
  isRoot(pkg: string): boolean {
    return pkg === 'root';
  }
  version(_pkg: string, version: number): string {
    return show(version);
  }
  private simplify(pkg: string, set: IntRange): IntRange {
    const vs = [...this.p.versions(pkg)].sort((a, b) => a - b);
    let out = IntRange.empty();
    for (let i = 0; i < vs.length; i++) {
      if (!set.contains(vs[i]!)) continue;
      let j = i;
      while (j + 1 < vs.length && set.contains(vs[j + 1]!)) j++;
      out = out.union(IntRange.between(i === 0 ? -Infinity : vs[i]!, j === vs.length - 1 ? Infinity : vs[j + 1]!));
      i = j;
    }
    return out;
  }
  isAny(pkg: string, set: IntRange): boolean {
    return set.complement().isEmpty() || (this.p.versions(pkg).length > 0 && this.simplify(pkg, set).complement().isEmpty());
  }
  versionSet(pkg: string, set: IntRange): string {
    const [lo, hi] = set.bounds;
    if (set.bounds.length === 2 && lo! % 100 === 0 && hi === lo! + 100) return `^${show(lo!)}`;
    const s = this.p.versions(pkg).length > 0 ? this.simplify(pkg, set) : set;
    const b = s.bounds;
    if (b.length !== 2) return s.toString();
    if (b[0] === -Infinity) return `<${show(b[1]!)}`;
    if (b[1] === Infinity) return `>=${show(b[0]!)}`;
    return `>=${show(b[0]!)} <${show(b[1]!)}`;
  }
}

async function explain(p: OfflineDependencyProvider<string, number, IntRange>): Promise<string> {
  const r = await solve(p, 'root', v('1.0.0'), IntRangeKind);
  if (r.kind !== 'failed') throw new Error('expected a failure');
  return new DefaultStringReporter(new DartFormatter(p)).report(r.tree);
}

const provider = (): OfflineDependencyProvider<string, number, IntRange> =>
  new OfflineDependencyProvider<string, number, IntRange>((a, b) => a - b);

describe('DefaultStringReporter: Dart pub solver.md error examples (full text)', () => {
  it('linear error reporting', async () => {
    const p = provider()
      .add('root', v('1.0.0'), [
        ['foo', caret('1.0.0')],
        ['baz', caret('1.0.0')],
      ])
      .add('foo', v('1.0.0'), [['bar', caret('2.0.0')]])
      .add('bar', v('2.0.0'), [['baz', caret('3.0.0')]])
      .add('baz', v('1.0.0'), [])
      .add('baz', v('3.0.0'), []);
    expect(await explain(p)).toBe(
      [
        'Because every version of foo depends on bar ^2.0.0 which depends on baz ^3.0.0, every version of foo requires baz ^3.0.0.',
        'So, because root depends on both baz ^1.0.0 and foo ^1.0.0, version solving failed.',
      ].join('\n'),
    );
  });

  it('branching error reporting', async () => {
    const p = provider()
      .add('root', v('1.0.0'), [['foo', caret('1.0.0')]])
      .add('foo', v('1.0.0'), [
        ['a', caret('1.0.0')],
        ['b', caret('1.0.0')],
      ])
      .add('foo', v('1.1.0'), [
        ['x', caret('1.0.0')],
        ['y', caret('1.0.0')],
      ])
      .add('a', v('1.0.0'), [['b', caret('2.0.0')]])
      .add('b', v('1.0.0'), [])
      .add('b', v('2.0.0'), [])
      .add('x', v('1.0.0'), [['y', caret('2.0.0')]])
      .add('y', v('1.0.0'), [])
      .add('y', v('2.0.0'), []);
    expect(await explain(p)).toBe(
      [
        'Because foo <1.1.0 depends on a ^1.0.0 which depends on b ^2.0.0, foo <1.1.0 requires b ^2.0.0.',
        'So, because foo <1.1.0 depends on b ^1.0.0, foo <1.1.0 is forbidden. (1)',
        '',
        'Because foo >=1.1.0 depends on x ^1.0.0 which depends on y ^2.0.0, foo >=1.1.0 requires y ^2.0.0.',
        'And because foo >=1.1.0 depends on y ^1.0.0, foo >=1.1.0 is forbidden.',
        'And because foo <1.1.0 is forbidden (1), foo is forbidden.',
        'So, because root depends on foo ^1.0.0, version solving failed.',
      ].join('\n'),
    );
  });
});

describe('DefaultStringReporter: generic wording', () => {
  it('reports a missing package and the provider hint', async () => {
    const p = provider().add('root', 1, [['foo', IntRange.higherThan(2)]]).add('foo', 1, []);
    const r = await solve(
      Object.assign(Object.create(p) as typeof p, { describeNoVersions: () => 'foo 3rc1 is a pre-release; allow it with --pre' }),
      'root',
      1,
      IntRangeKind,
    );
    expect(r.kind).toBe('failed');
    if (r.kind !== 'failed') return;
    expect(new DefaultStringReporter(new DefaultReportFormatter<string, number, IntRange>('root')).report(r.tree)).toBe(
      [
        'Because no versions of foo match >=2 and root depends on foo >=2, version solving failed.',
        '',
        'hint: foo 3rc1 is a pre-release; allow it with --pre',
      ].join('\n'),
    );
  });

  it('words unavailable versions with the provider reason', async () => {
    const p = provider()
      .add('root', 1, [['foo', IntRange.full()]])
      .addUnavailable('foo', 1, 'requires Python >=3.14', 'the target Python is 3.12');
    const r = await solve(p, 'root', 1, IntRangeKind);
    if (r.kind !== 'failed') throw new Error('expected failure');
    expect(new DefaultStringReporter(new DefaultReportFormatter<string, number, IntRange>('root')).report(r.tree)).toBe(
      [
        'Because every version of foo requires Python >=3.14 and root depends on foo, version solving failed.',
        '',
        'hint: the target Python is 3.12',
      ].join('\n'),
    );
  });
});

describe('treeToJSON', () => {
  it('flattens the tree by id with causes before their consequences', async () => {
    const p = provider().add('root', 1, [['foo', IntRange.higherThan(2)]]).add('foo', 1, []);
    const r = await solve(p, 'root', 1, IntRangeKind);
    if (r.kind !== 'failed') throw new Error('expected failure');
    const json = treeToJSON(r.tree);
    expect(json.root).toBe(r.tree.id);
    const root = json.nodes.find((n) => n.id === json.root)!;
    expect(root.kind).toBe('derived');
    const kinds = json.nodes.map((n) => n.kind).sort();
    expect(kinds).toContain('noVersions');
    expect(kinds).toContain('fromDependencyOf');
    for (const n of json.nodes) if (n.kind === 'derived') expect(n.cause1 < n.id && n.cause2 < n.id).toBe(true);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
