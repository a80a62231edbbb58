import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, tuneDatabase } from '../../src/entries/node/database.js';
import { openPreparedConnection } from '../../src/entries/node/prepared-connection.js';
import { startWalCheckpointer } from '../../src/entries/node/wal-checkpointer.js';

const dir = mkdtempSync(join(tmpdir(), 'empreinte-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ~8 MB into the log through a prepared connection whose automatic checkpoint is off. */
async function fill(name: string) {
  const path = join(dir, name);
  const url = `file:${path}`;
  const database = openDatabase(url);
  await tuneDatabase(database, url);
  await database.client.execute('CREATE TABLE blobs (b BLOB)');
  const prepared = openPreparedConnection(url, { autoCheckpoint: false });
  if (!prepared) throw new Error('no prepared connection for a file');
  for (let i = 0; i < 20; i++)
    prepared.transaction((run) => {
      for (let j = 0; j < 100; j++) run('INSERT INTO blobs VALUES (randomblob(4000))', []);
    });
  return {
    path,
    close() {
      prepared.close();
      database.client.close();
    },
  };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the WAL checkpointer thread', () => {
  it('copies the log back into the database file, off the main thread', async () => {
    const without = await fill('without.db');
    const withIt = await fill('with.db');
    const errors: unknown[] = [];
    const checkpointer = await startWalCheckpointer(withIt.path, (error) => errors.push(error), {
      intervalMs: 50,
    });
    try {
      await settle(500);
      // Nothing else checkpoints here: without the thread the 8 MB stay in the log.
      expect(statSync(without.path).size).toBeLessThan(1_000_000);
      expect(statSync(`${without.path}-wal`).size).toBeGreaterThan(8_000_000);
      expect(statSync(withIt.path).size).toBeGreaterThan(8_000_000);
      expect(errors).toEqual([]);
    } finally {
      await checkpointer.stop();
      without.close();
      withIt.close();
    }
  });

  it('says when its thread dies, once, and not when it is stopped', async () => {
    const db = await fill('dies.db');
    const errors: unknown[] = [];
    let exits = 0;
    const options = { intervalMs: 50, onUnexpectedExit: () => exits++ };
    const dies = await startWalCheckpointer(db.path, (error) => errors.push(error), options);
    await dies.terminate();
    expect(exits).toBe(1);
    expect(String(errors[0])).toMatch(/WAL checkpointer thread ended .*automatic checkpoint back on/);
    const stopped = await startWalCheckpointer(db.path, (error) => errors.push(error), options);
    await stopped.stop();
    expect(exits).toBe(1);
    expect(errors).toHaveLength(1);
    db.close();
  });

  it('hands the checkpoint back to SQLite on the connection the server gave it', async () => {
    const url = `file:${join(dir, 'auto.db')}`;
    const database = openDatabase(url);
    await tuneDatabase(database, url);
    const prepared = openPreparedConnection(url, { autoCheckpoint: false });
    if (!prepared) throw new Error('no prepared connection for a file');
    expect(prepared.all('PRAGMA wal_autocheckpoint', [])).toEqual([{ wal_autocheckpoint: 0 }]);
    prepared.setAutoCheckpoint(true);
    expect(prepared.all('PRAGMA wal_autocheckpoint', [])).toEqual([{ wal_autocheckpoint: 1000 }]);
    prepared.close();
    database.client.close();
  });

  it('refuses to start on a file it cannot open, so the server keeps the automatic checkpoint', async () => {
    await expect(startWalCheckpointer(join(dir, 'missing', 'folder', 'x.db'), () => {})).rejects.toThrow();
  });
});
