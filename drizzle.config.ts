import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/factors/schema.ts',
  out: './drizzle',
});
