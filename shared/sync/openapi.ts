import { z } from 'zod';
import { binary, endpointRoutes, type EndpointRoute } from './routes';

type Json = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Json;
  return schema;
}

function content(body: z.ZodType | typeof binary, io: 'input' | 'output'): Json {
  return body === binary ? { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } } : { 'application/json': { schema: schemaOf(body, io) } };
}

function parameters(route: EndpointRoute): Json[] {
  const list: Json[] = [];
  for (const [where, shape] of [['path', route.params], ['query', route.query]] as const) {
    if (!shape) continue;
    const schema = schemaOf(shape, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      list.push({ name, in: where, required: where === 'path' || (schema.required ?? []).includes(name), schema: property });
    }
  }
  return list;
}

/** The OpenAPI 3.1 description of the endpoint, generated from the same zod schemas it validates with. */
export function openApiDocument(version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const [operationId, route] of Object.entries(endpointRoutes) as [string, EndpointRoute][]) {
    const responses: Json = {};
    for (const [status, body] of Object.entries(route.responses)) {
      responses[status] = body === null ? { description: `HTTP ${status}` } : { description: `HTTP ${status}`, content: content(body, 'output') };
    }
    const operation: Json = { operationId, summary: route.summary, parameters: parameters(route), responses };
    if (route.body) operation.requestBody = { required: true, content: content(route.body, 'input') };
    if (route.auth) operation.security = [{ deviceToken: [] }];
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Chamber council endpoint', version },
    components: { securitySchemes: { deviceToken: { type: 'http', scheme: 'bearer', description: 'The access token from sign-in or refresh' } } },
    paths,
  };
}
