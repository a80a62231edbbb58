import { OpenAPIHono } from '@hono/zod-openapi';
import { validationHook } from './validation.js';

/** A router of one resource's routes, with the shared validation hook (400 problem+json). */
export function createRouter() {
  return new OpenAPIHono({ defaultHook: validationHook });
}
