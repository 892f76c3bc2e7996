import { jsonError } from "@/lib/api/respond";

/** Any other address under /api/v1 answers a JSON 404, not an HTML page. */
function unknown() {
  return jsonError("NOT_FOUND", "There is no such API endpoint. See /api/v1/openapi.json.");
}

export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
