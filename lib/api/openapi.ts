/** The OpenAPI 3.1 description of the public API, generated from the same zod schemas it is tested against. */
import { z } from "zod";
import {
  errorResponseSchema,
  planListResponseSchema,
  planResponseSchema,
} from "@/lib/plans/api-schema";
import { PLAN_SLUG_PATTERN } from "@/lib/server/validation";

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: {
    "application/json": {
      schema: z.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "any" }),
    },
  },
});

const notFoundResponse = json(errorResponseSchema, "No plan with this address");

/** Stable public addresses (docs/architecture.md): a code an indicator had before, or one that was removed. */
const addressResponses = {
  "308": {
    description:
      "The code is one this indicator had before: permanent redirect (Location) to its current address",
  },
  "410": {
    description:
      "The indicator that had this code was removed from the published plan; the error message says what and why",
  },
};

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "NAP Tracker public API",
      version: "1.0.0",
      description:
        'Read-only open data about Women, Peace and Security National Action Plans: plans, pillars, outputs, indicators with baselines and targets, and values approved by each plan\'s steering committee. No authentication. Errors are JSON `{ "error": { "code", "message" } }`.',
      license: {
        name: "Data: as stated per plan; figures with a source keep that source's licence",
      },
    },
    servers: [{ url: "/" }],
    paths: {
      "/api/v1/plans": {
        get: {
          operationId: "listPlans",
          summary: "The published plans",
          responses: { "200": json(planListResponseSchema, "The plans") },
        },
      },
      "/api/v1/plans/{plan}": {
        get: {
          operationId: "getPlan",
          summary: "One plan as a tree: pillars → outputs → indicators",
          parameters: [
            {
              name: "plan",
              in: "path",
              required: true,
              description: "The plan's slug, e.g. rwanda-2018-2022",
              schema: { type: "string", pattern: PLAN_SLUG_PATTERN.source },
            },
          ],
          responses: {
            "200": json(planResponseSchema, "The plan"),
            "404": notFoundResponse,
          },
        },
      },
      "/api/v1/plans/{plan}/indicators/{code}/data.json": {
        get: {
          operationId: "getIndicatorData",
          summary: "An indicator's approved observations, with disaggregations and sources",
          description:
            "Small counts of sensitive indicators (below 5) are withheld, and so are the cells of the same period that would give one away by subtraction from a total, margin or other category (complementary suppression): their value is null and `suppressed` is true.",
          parameters: [
            { name: "plan", in: "path", required: true, schema: { type: "string" } },
            {
              name: "code",
              in: "path",
              required: true,
              description: "Indicator code, e.g. 5.2.a",
              schema: { type: "string" },
            },
          ],
          responses: {
            "200": { description: "The observations" },
            ...addressResponses,
            "404": notFoundResponse,
          },
        },
      },
      "/api/v1/plans/{plan}/indicators/{code}/data.csv": {
        get: {
          operationId: "getIndicatorCsv",
          summary:
            "The same observations as CSV in the Open SDG layout: Year, disaggregation columns, Value",
          description:
            "A blank disaggregation cell is the headline total. Withheld small cells are left out.",
          parameters: [
            { name: "plan", in: "path", required: true, schema: { type: "string" } },
            { name: "code", in: "path", required: true, schema: { type: "string" } },
          ],
          responses: {
            "200": { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } },
            ...addressResponses,
            "404": notFoundResponse,
          },
        },
      },
      "/api/v1/plans/{plan}/framework.json": {
        get: {
          operationId: "getPlanFile",
          summary: "The whole plan as a plan file (to load into another NAP Tracker)",
          parameters: [{ name: "plan", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": { description: "A plan file, see /api/v1/schemas/plan-file.json" },
            "404": notFoundResponse,
          },
        },
      },
      "/api/v1/plans/{plan}/budget.json": {
        get: {
          operationId: "getPlanBudget",
          summary:
            "The plan's budget picture per plan year, from approved yearly action plans only",
          description:
            "Needed, allocated, spent and unfunded (max(needed − allocated, 0) per activity), overall, by pillar and by institution. `spentReported` counts activities with any spending reported.",
          parameters: [{ name: "plan", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "The budget picture" }, "404": notFoundResponse },
        },
      },
      "/api/v1/schemas/plan-file.json": {
        get: {
          operationId: "getPlanFileSchema",
          summary: "The JSON Schema of plan files, version 1",
          responses: { "200": { description: "JSON Schema (draft 2020-12)" } },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This document",
          responses: { "200": { description: "OpenAPI 3.1 document" } },
        },
      },
    },
  };
}
