// Tests that every help screen fits one terminal screen and shows examples.
import { describe, expect, it } from 'vitest';
import { commandHelp, globalHelp } from './help';
import { COMMANDS } from './spec';

const SCREEN_LINES = 40;
const SCREEN_COLUMNS = 120;

function fitsOneScreen(text: string): void {
  const lines = text.split('\n');
  expect(lines.length).toBeLessThanOrEqual(SCREEN_LINES);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(SCREEN_COLUMNS);
}

describe('help screens', () => {
  it('pipgrub --help lists every command and fits one screen', () => {
    const text = globalHelp('0.1.0');
    fitsOneScreen(text);
    for (const c of COMMANDS) expect(text).toContain(`  ${c.name} `);
    expect(text).toContain('Examples:');
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))('pipgrub %s --help fits one screen with an example', (name, command) => {
    const text = commandHelp(command);
    fitsOneScreen(text);
    expect(text).toContain(`Usage: pipgrub ${name}`);
    expect(text).toMatch(/Examples:\n {2}\$ .*pipgrub /);
  });
});
