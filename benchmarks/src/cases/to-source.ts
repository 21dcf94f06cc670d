// Turns a ResolverCase into what the Python layer's `resolve` takes: an in-memory source whose wheel
// files are judged against the case's target, the target environment, and the resolve options.
import {
  InMemorySource,
  targetEnvironment,
  type ResolveOptions,
  type TargetEnvironment,
} from '@pipgrub/core-resolver/python';
import type { CaseEnvironment, ResolverCase } from './format';
import { wheelTagCompatible } from './tags';

const PLATFORM_MARKERS: Record<NonNullable<CaseEnvironment['platform']>, { os: 'linux' | 'macos' | 'windows'; machine: string }> = {
  'linux-x86_64': { os: 'linux', machine: 'x86_64' },
  'linux-aarch64': { os: 'linux', machine: 'aarch64' },
  'macos-arm64': { os: 'macos', machine: 'arm64' },
  'macos-x86_64': { os: 'macos', machine: 'x86_64' },
  'windows-x86_64': { os: 'windows', machine: 'AMD64' },
};

/** The case's target as a Python-layer environment (CPython). */
export function caseEnvironment(env: CaseEnvironment): TargetEnvironment {
  const p = PLATFORM_MARKERS[env.platform ?? 'linux-x86_64'];
  return targetEnvironment({ python: env.python, os: p.os, machine: p.machine });
}

/** An in-memory source over the case's index, with wheel compatibility judged for the case's target. */
export function caseSource(c: ResolverCase): InMemorySource {
  return new InMemorySource(c.index, { wheelCompatible: (tag) => wheelTagCompatible(tag, c.environment) });
}

/** The case's options as `ResolveOptions`. */
export function caseOptions(c: ResolverCase, engine: 'pubgrub' | 'sat'): ResolveOptions {
  const o = c.options ?? {};
  const options: ResolveOptions = { engine };
  if (o.strategy) options.strategy = o.strategy;
  if (o.prereleases) options.prereleases = o.prereleases;
  if (o.constraints) options.constraints = o.constraints;
  if (o.overrides) options.overrides = o.overrides;
  if (o.noBuild) options.noBuild = o.noBuild;
  if (o.noBinary) options.noBinary = o.noBinary;
  if (o.requiresPythonUpperBound) options.requiresPythonUpperBound = o.requiresPythonUpperBound;
  if (o.preferences) options.preferences = new Map(Object.entries(o.preferences));
  return options;
}
