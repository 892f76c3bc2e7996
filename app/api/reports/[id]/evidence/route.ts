import { z } from "zod";
import { handlePrivate, privateError, privateJson, readJson } from "@/lib/api/private";
import {
  addFileEvidence,
  addLinkEvidence,
  assertMayAddEvidence,
  evidenceUploadLimit,
  listEvidence,
} from "@/lib/evidence/data";
import { readLimitedForm, uploadTooLarge } from "@/lib/evidence/http";
import { reportIdFrom } from "@/lib/reports/route-params";

type Context = { params: Promise<{ id: string }> };

/** GET /api/reports/{id}/evidence: the report's evidence the viewer may see, newest first. */
export async function GET(request: Request, { params }: Context) {
  return handlePrivate(request, async (viewer) =>
    privateJson(listEvidence(viewer, await reportIdFrom(params))),
  );
}

/**
 * POST /api/reports/{id}/evidence: a file as multipart/form-data (`file`, `title`, `visibility`,
 * `itemRef`), or a link as JSON (`url`, `title`, `visibility`, `itemRef`). 201 with the new item.
 */
export async function POST(request: Request, { params }: Context) {
  return handlePrivate(request, async (viewer) => {
    const id = await reportIdFrom(params);
    // Who may add is checked before the body is read: a refused upload is never read.
    assertMayAddEvidence(viewer, id);
    const type = request.headers.get("content-type") ?? "";
    if (/^multipart\/form-data\s*;/i.test(type)) {
      const { maxBytes, maxLabel } = evidenceUploadLimit();
      const form = await readLimitedForm(request, maxBytes);
      if (form === null) return uploadTooLarge(maxLabel);
      const file = form.get("file");
      const text = (name: string) => {
        const value = form.get(name);
        return value === null ? undefined : value;
      };
      const item = addFileEvidence(viewer, id, {
        file:
          file instanceof File && (file.size > 0 || file.name !== "")
            ? { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }
            : null,
        title: text("title"),
        visibility: text("visibility"),
        itemRef: text("itemRef"),
      });
      return privateJson(item, { status: 201 });
    }
    if (/^application\/json\b/i.test(type)) {
      const item = addLinkEvidence(viewer, id, await readJson(request, z.unknown()));
      return privateJson(item, { status: 201 });
    }
    return privateError(
      "VALIDATION",
      "Send a file as multipart/form-data or a link as application/json.",
    );
  });
}
