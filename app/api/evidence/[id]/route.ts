import { handlePrivate, privateError, privateJson } from "@/lib/api/private";
import { openEvidenceFile, removeEvidence } from "@/lib/evidence/data";
import { evidenceDownload } from "@/lib/evidence/http";
import { recordIdSchema } from "@/lib/evidence/schemas";

type Context = { params: Promise<{ id: string }> };

const notFound = () => privateError("NOT_FOUND", "This evidence was not found.");

/** GET /api/evidence/{id}: the file, as an attachment, to those allowed to read it. */
export async function GET(request: Request, { params }: Context) {
  const id = recordIdSchema.safeParse((await params).id);
  return handlePrivate(request, (viewer) =>
    id.success ? evidenceDownload(openEvidenceFile(viewer, id.data)) : notFound(),
  );
}

/** DELETE /api/evidence/{id}: removes evidence from a draft report (its institution's reporters). */
export async function DELETE(request: Request, { params }: Context) {
  const id = recordIdSchema.safeParse((await params).id);
  return handlePrivate(request, (viewer) => {
    if (!id.success) return notFound();
    removeEvidence(viewer, id.data);
    return privateJson({ id: id.data, removed: true });
  });
}
