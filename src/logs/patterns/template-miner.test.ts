import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import { TemplateMiner } from './index.js';

const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];

describe('TemplateMiner', () => {
  it('add() masks values and keeps key=value keys, so lines differing only in values share a template', () => {
    const miner = new TemplateMiner();
    const a = miner.add(
      'req 7f0c2b8e-1d2a-4c6b-9f00-0123456789ab from 10.1.2.3:8080 wrote 512 bytes to /var/lib/x.db uid=0',
    );
    const b = miner.add(
      'req 00000000-1111-2222-3333-444444444444 from 192.168.0.9:443 wrote 7 bytes to /tmp/a/b uid=33',
    );
    expect(a).toEqual({
      templateId: 'T1',
      template: 'req <*> from <*>:<*> wrote <*> bytes to <*> uid=<*>',
      isNew: true,
      signatureId: 'S1',
    });
    expect(b).toEqual({ ...a, isNew: false });
  });

  it('add() keeps words apart while a position shows fewer than 4 distinct words, then makes it <*>', () => {
    const miner = new TemplateMiner();
    const results = USERS.slice(0, 4).map((u) => miner.add(`user ${u} logged in`));
    expect(results.slice(0, 3).map((r) => [r.template, r.isNew])).toEqual([
      ['user alice logged in', true],
      ['user bob logged in', true],
      ['user carol logged in', true],
    ]);
    expect(results[3]).toEqual({
      templateId: 'T1',
      template: 'user <*> logged in',
      isNew: false,
      signatureId: 'S4',
    });
  });

  it('resolve() gives a line its refined template: earlier lines follow their signature into the merged template', () => {
    const miner = new TemplateMiner();
    const first = miner.add('user alice logged in');
    for (const u of USERS.slice(1)) miner.add(`user ${u} logged in`);
    expect(first.template).toBe('user alice logged in');
    expect(miner.resolve(first.signatureId)).toEqual({ templateId: 'T1', template: 'user <*> logged in' });
    expect(miner.resolve('S99')).toBeUndefined();
    expect(miner.resolve('T1')).toBeUndefined();
  });

  it('add() keeps events that differ in a frequent word apart (VM Started / VM Paused)', () => {
    const miner = new TemplateMiner();
    for (let i = 0; i < 5; i++) {
      miner.add(`[instance: ${i}] VM Started (Lifecycle Event)`);
      miner.add(`[instance: ${i}] VM Paused (Lifecycle Event)`);
    }
    expect(miner.templates().map((t) => [t.template, t.count])).toEqual([
      ['[instance: <*>] VM Started (Lifecycle Event)', 5],
      ['[instance: <*>] VM Paused (Lifecycle Event)', 5],
    ]);
  });

  it('merges templates of different token counts whose words are the same (optional parameters)', () => {
    const miner = new TemplateMiner();
    const a = miner.add('h:80 close, 10 bytes sent, 20 bytes received');
    const b = miner.add('h:80 close, 10 bytes (1.2 KB) sent, 20 bytes received');
    expect(b.templateId).toBe(a.templateId);
    expect(miner.templates()).toHaveLength(1);
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

  it('template() resolves an id returned by add(), and not an unknown one', () => {
    const miner = new TemplateMiner();
    const { templateId } = miner.add('tick 1');
    expect(miner.template(templateId)).toBe('tick <*>');
    expect(miner.template('T9')).toBeUndefined();
    expect(miner.template('S1')).toBeUndefined();
  });

  it('match() finds the template a line fits without learning from it', () => {
    const miner = new TemplateMiner();
    for (const u of USERS) miner.add(`open file ${u}.txt`);
    expect(miner.match('open file zed.txt')).toEqual({ templateId: 'T1', template: 'open file <*>' });
    expect(miner.match('open file alice.txt')).toEqual({ templateId: 'T1', template: 'open file <*>' });
    expect(miner.match('close file zed.txt')).toBeUndefined();
    expect(miner.templates()[0]?.count).toBe(6);
  });

  it('uses a custom mask list, and a mask with a named placeholder keeps it as a literal token', () => {
    const miner = new TemplateMiner({
      masks: [{ name: 'user', pattern: String.raw`user=\w+`, maskWith: 'user=<USER>' }],
    });
    expect(miner.add('login user=alice ok 42').template).toBe('login user=<USER> ok 42');
    expect(miner.add('login user=bob ok 42').isNew).toBe(false);
  });

  it('handles empty and whitespace-only lines as one empty template', () => {
    const miner = new TemplateMiner();
    expect(miner.add('').isNew).toBe(true);
    expect(miner.add('   \t ')).toEqual({ templateId: 'T1', template: '', isNew: false, signatureId: 'S1' });
  });

  it('folds the signatures of a token count past maxSignaturesPerLength, and every line keeps its template', () => {
    const miner = new TemplateMiner({ maxSignaturesPerLength: 16 });
    const ids = Array.from(
      { length: 200 },
      (_, i) => miner.add(`user u${String.fromCharCode(97 + (i % 26))}x${i} logged in`).signatureId,
    );
    expect(miner.toJSON().signatures.length).toBeLessThanOrEqual(32);
    expect(new Set(ids.map((id) => miner.resolve(id)?.template))).toEqual(new Set(['user <*> logged in']));
    expect(miner.add('user someone logged in').templateId).toBe('T1');
  });

  it('tokens named like object properties (__proto__, constructor) survive a snapshot round trip', () => {
    const miner = new TemplateMiner({ masks: [] });
    miner.add('__proto__ constructor x');
    const restored = TemplateMiner.fromJSON(JSON.parse(JSON.stringify(miner)));
    expect(restored.add('__proto__ constructor x').isNew).toBe(false);
  });

  it('fromJSON(toJSON()) restores a miner that continues exactly like the original', () => {
    const lines = [
      'a 1 b',
      'a 2 b',
      'c d e f',
      'user x=1 ok',
      'c d g f',
      'x',
      'user x=2 ok',
      'c d h f',
      'c d i f',
    ];
    const original = new TemplateMiner({ variableThreshold: 3, maxSignaturesPerLength: 16 });
    for (const line of lines.slice(0, 4)) original.add(line);
    const restored = TemplateMiner.fromJSON(JSON.parse(JSON.stringify(original.toJSON())));
    expect(restored.toJSON()).toEqual(original.toJSON());
    for (const line of lines.slice(4)) expect(restored.add(line)).toEqual(original.add(line));
    expect(restored.templates()).toEqual(original.templates());
  });

  it.each([
    ['a version 1 (Drain) snapshot', { format: 'berth.template-miner', version: 1 }],
    ['an alias to an unknown signature', { ...new TemplateMiner().toJSON(), aliases: [[0, 5]] }],
  ])('fromJSON() rejects %s with BERTH_STORE', (_name, snapshot) => {
    const error: unknown = (() => {
      try {
        TemplateMiner.fromJSON(snapshot);
      } catch (e) {
        return e;
      }
    })();
    expect(isBerthError(error) && error.code).toBe('BERTH_STORE');
  });

  it.each([[{ variableThreshold: 1 }], [{ variableThreshold: 2.5 }], [{ maxSignaturesPerLength: 8 }]])(
    'the constructor rejects invalid option %j with BERTH_CONFIG',
    (options) => {
      expect(() => new TemplateMiner(options)).toThrow(expect.objectContaining({ code: 'BERTH_CONFIG' }));
    },
  );
});
