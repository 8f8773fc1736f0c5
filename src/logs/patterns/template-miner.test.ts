import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import { TemplateMiner } from './index.js';

describe('TemplateMiner', () => {
  it('add() groups lines of one event under one template and generalises the tokens that differ', () => {
    // depth 4 routes by the first token only, so the second token may be generalised.
    const miner = new TemplateMiner({ masks: [], depth: 4 });
    const first = miner.add('user alice logged in from web');
    const second = miner.add('user bob logged in from web');
    const third = miner.add('user carol logged in from mobile');
    expect(first).toEqual({ templateId: 'T1', template: 'user alice logged in from web', isNew: true });
    expect(second).toEqual({ templateId: 'T1', template: 'user <*> logged in from web', isNew: false });
    expect(third).toEqual({ templateId: 'T1', template: 'user <*> logged in from <*>', isNew: false });
  });

  it('add() starts a new template for a different token count or a line below the similarity threshold', () => {
    const miner = new TemplateMiner({ masks: [], similarityThreshold: 0.5, depth: 4 });
    miner.add('disk sda is full');
    expect(miner.add('disk sda is full again').isNew).toBe(true);
    // Same first token, 1 of 4 tokens equal: 0.25 < 0.5.
    expect(miner.add('disk check ran ok').isNew).toBe(true);
    expect(miner.add('disk sdb is full').templateId).toBe('T1');
    expect(miner.templates().map((t) => t.template)).toEqual([
      'disk <*> is full',
      'disk sda is full again',
      'disk check ran ok',
    ]);
  });

  it('add() masks numbers, IPs, hex, UUIDs and paths so lines differing only there share a template', () => {
    const miner = new TemplateMiner();
    const a = miner.add(
      'req 7f0c2b8e-1d2a-4c6b-9f00-0123456789ab from 10.1.2.3:8080 wrote 512 bytes to /var/lib/app/x.db at 0xdeadbeef',
    );
    const b = miner.add(
      'req 00000000-1111-2222-3333-444444444444 from 192.168.0.9:443 wrote 7 bytes to /tmp/a/b at 0x1',
    );
    expect(a.template).toBe('req <*> from <*> wrote <*> bytes to <*> at <*>');
    expect(b).toEqual({ templateId: a.templateId, template: a.template, isNew: false });
  });

  it('add() uses a custom mask list, and a mask with a named placeholder keeps it as a literal token', () => {
    const miner = new TemplateMiner({
      masks: [{ name: 'user', pattern: String.raw`user=\w+`, maskWith: 'user=<USER>' }],
    });
    expect(miner.add('login user=alice ok 42').template).toBe('login user=<USER> ok 42');
    expect(miner.add('login user=bob ok 43').template).toBe('login user=<USER> ok <*>');
  });

  it('add() sends new first tokens to the shared <*> branch once a node has maxChildren children', () => {
    const lines = ['alpha x y', 'beta x y', 'gamma x y'];
    const capped = new TemplateMiner({ masks: [], maxChildren: 2 });
    const open = new TemplateMiner({ masks: [] });
    expect(lines.map((l) => capped.add(l).templateId)).toEqual(['T1', 'T2', 'T2']);
    expect(capped.template('T2')).toBe('<*> x y');
    expect(lines.map((l) => open.add(l).templateId)).toEqual(['T1', 'T2', 'T3']);
  });

  it('add() with the default depth 5 keeps lines apart whose second token differs', () => {
    const miner = new TemplateMiner();
    expect(miner.add('Starting TrustedInstaller initialization.').templateId).toBe('T1');
    expect(miner.add('Ending TrustedInstaller initialization.').templateId).toBe('T2');
    expect(miner.add('Starting TrustedInstaller finalization.')).toEqual({
      templateId: 'T1',
      template: 'Starting TrustedInstaller <*>',
      isNew: false,
    });
  });

  it('add() routes tokens with digits to the <*> branch, so a numeric first token does not split templates', () => {
    const miner = new TemplateMiner({ masks: [] });
    miner.add('r1 started job');
    expect(miner.add('r2 started job')).toEqual({
      templateId: 'T1',
      template: '<*> started job',
      isNew: false,
    });
  });

  it('templates() reports counts and first/last seen, as line ordinals or the given seenAt', () => {
    const miner = new TemplateMiner();
    miner.add('tick 1');
    miner.add('boot done');
    miner.add('tick 2');
    miner.add('tick 3', 5_000);
    expect(miner.templates()).toEqual([
      { id: 'T1', template: 'tick <*>', count: 3, firstSeen: 0, lastSeen: 5_000 },
      { id: 'T2', template: 'boot done', count: 1, firstSeen: 1, lastSeen: 1 },
    ]);
    expect(miner.lineCount).toBe(4);
  });

  it('match() finds the template a line fits without learning from it', () => {
    const miner = new TemplateMiner();
    miner.add('open file a.txt');
    miner.add('open file b.txt');
    expect(miner.match('open file c.txt')).toEqual({ templateId: 'T1', template: 'open file <*>' });
    expect(miner.match('close file c.txt')).toBeUndefined();
    expect(miner.templates()[0]?.count).toBe(2);
  });

  it('handles empty and whitespace-only lines as one empty template', () => {
    const miner = new TemplateMiner();
    expect(miner.add('').isNew).toBe(true);
    expect(miner.add('   \t ')).toEqual({ templateId: 'T1', template: '', isNew: false });
  });

  it('tokens named like object properties (__proto__, constructor) survive a snapshot round trip', () => {
    const miner = new TemplateMiner({ masks: [], depth: 5 });
    miner.add('__proto__ constructor x');
    const restored = TemplateMiner.fromJSON(JSON.parse(JSON.stringify(miner)));
    expect(restored.add('__proto__ constructor x').isNew).toBe(false);
  });

  it('fromJSON(toJSON()) restores a miner that continues exactly like the original', () => {
    const lines = ['a 1 b', 'a 2 b', 'c d e f', 'c d g f', 'x'];
    const original = new TemplateMiner({ similarityThreshold: 0.5, depth: 5, maxChildren: 3 });
    for (const line of lines.slice(0, 3)) original.add(line);
    const restored = TemplateMiner.fromJSON(JSON.parse(JSON.stringify(original.toJSON())));
    expect(restored.toJSON()).toEqual(original.toJSON());
    for (const line of lines.slice(3)) expect(restored.add(line)).toEqual(original.add(line));
    expect(restored.templates()).toEqual(original.templates());
  });

  it('fromJSON() rejects a malformed snapshot with BERTH_STORE', () => {
    const error: unknown = (() => {
      try {
        TemplateMiner.fromJSON({ format: 'berth.template-miner', version: 2 });
      } catch (e) {
        return e;
      }
    })();
    expect(isBerthError(error) && error.code).toBe('BERTH_STORE');
  });

  it.each([[{ similarityThreshold: 1.5 }], [{ depth: 2 }], [{ maxChildren: 0 }]])(
    'the constructor rejects invalid option %j with BERTH_CONFIG',
    (options) => {
      expect(() => new TemplateMiner(options)).toThrow(expect.objectContaining({ code: 'BERTH_CONFIG' }));
    },
  );
});
