// One operation of the OpenAPI document, as the route tables write it.
import type { z } from 'zod';
import { ApiErrorBody } from '@civic-elements/protocol';

export type Schema = z.ZodType;

export interface Operation {
  summary: string;
  auth?: boolean;
  params?: string[];
  query?: Record<string, { schema: object; description: string }>;
  body?: Schema;
  /** The body may be left out. */
  bodyOptional?: boolean;
  responses: Record<string, { description: string; schema?: Schema; contentType?: string }>;
}

/** An error response in the API's error shape; the description names the codes. */
export const error = (description: string) => ({ description, schema: ApiErrorBody });
