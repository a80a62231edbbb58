import { DEFAULT_DATABASE_URL, migrateDatabase, openDatabase } from '../src/entries/node/database.js';

// Applies the migrations to DATABASE_URL (an embedded file, or Turso/sqld for the Worker's libSQL mode).
const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const database = openDatabase(url, process.env.DATABASE_AUTH_TOKEN);
await migrateDatabase(database);
database.client.close();
console.log(`Migrated ${url}`);
