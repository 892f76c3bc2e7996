"use client";
/**
 * A report's evidence: the list, and (while the report is an editable draft) a form to upload a
 * file and one to add a link. Reads and writes through the private API
 * (`/api/reports/{id}/evidence`, `/api/evidence/{id}`), which applies every rule again: this
 * component only decides what to show. Each server error is shown next to its field, and what the
 * user typed stays in the form until it is saved.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Field, FormMessage } from "@/app/_components/field";
import { api, HttpError } from "@/app/(workspace)/query-provider";
import {
  ACCEPTED_EXTENSIONS,
  ACCEPTED_TYPES_LABEL,
  type EvidenceItem,
  type EvidenceVisibility,
} from "@/lib/evidence/schemas";

type Props = {
  reportId: number;
  editable: boolean;
  /** The report's indicators and milestones evidence can support (`indicator:12` …). */
  items: { value: string; label: string }[];
};

type FieldErrors = Record<string, string[]>;

export const evidenceQueryKey = (reportId: number) => ["reports", reportId, "evidence"] as const;

function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof HttpError)) return {};
  return (error.details.fieldErrors as FieldErrors | undefined) ?? {};
}

/** The form's message: the server's, unless every problem is already shown at its field. */
function messageOf(error: unknown): string | undefined {
  if (!error) return undefined;
  if (error instanceof HttpError) return error.message;
  return "The server could not be reached. Nothing was saved; please try again.";
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Posts a multipart form; answers and errors in the private API's shape, like `api`. */
async function upload(url: string, form: FormData): Promise<EvidenceItem> {
  const response = await fetch(url, { method: "POST", body: form, credentials: "same-origin" });
  const json = (await response.json().catch(() => null)) as {
    data?: EvidenceItem;
    error?: { code: string; message: string } & Record<string, unknown>;
  } | null;
  if (!response.ok || !json?.data) {
    throw new HttpError(
      response.status,
      json?.error?.code ?? "INTERNAL",
      json?.error?.message ?? `The server answered ${response.status}.`,
      json?.error ?? {},
    );
  }
  return json.data;
}

function VisibilityChoice({
  name,
  value,
  onChange,
  errors,
}: {
  name: string;
  value: EvidenceVisibility | "";
  onChange: (value: EvidenceVisibility) => void;
  errors?: string[];
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset className="field" aria-describedby={errors?.length ? errorId : undefined}>
      <legend>Who can see it</legend>
      {errors?.length ? (
        <span className="field-error" id={errorId}>
          {errors.join(" ")}
        </span>
      ) : null}
      <label>
        <input
          type="radio"
          name={name}
          value="internal"
          checked={value === "internal"}
          onChange={() => onChange("internal")}
        />{" "}
        Internal: only your institution and the steering committee
      </label>
      <label>
        <input
          type="radio"
          name={name}
          value="public"
          checked={value === "public"}
          onChange={() => onChange("public")}
        />{" "}
        Public: anyone can download it once the report is approved
      </label>
    </fieldset>
  );
}

function SupportsSelect({
  name,
  items,
  value,
  onChange,
  errors,
}: Props & {
  name: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
}) {
  return (
    <Field name={name} label="Supports" errors={errors}>
      {(props) => (
        <select {...props} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">The whole report</option>
          {items.map((item) => (
            <option key={item.value} value={item.value}>
              {item.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function UploadForm(props: Props) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);
  const [title, setTitle] = useState("");
  const [visibility, setVisibility] = useState<EvidenceVisibility | "">("internal");
  const [itemRef, setItemRef] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => {
      const form = new FormData();
      if (file) form.append("file", file);
      form.append("title", title);
      form.append("visibility", visibility);
      form.append("itemRef", itemRef);
      return upload(`/api/reports/${props.reportId}/evidence`, form);
    },
    onSuccess: (item) => {
      setSaved(`“${item.title}” was uploaded.`);
      setFile(null);
      setFileInputKey((key) => key + 1);
      setTitle("");
      setItemRef("");
      return queryClient.invalidateQueries({ queryKey: evidenceQueryKey(props.reportId) });
    },
  });
  const errors = fieldErrorsOf(mutation.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    mutation.mutate();
  };
  return (
    <form className="form card" onSubmit={submit} noValidate>
      <h3>Upload a file</h3>
      <FormMessage ok={Boolean(saved)} message={saved ?? messageOf(mutation.error)} />
      <Field
        name="evidence-file"
        label="File"
        hint={`Accepted: ${ACCEPTED_TYPES_LABEL}.`}
        errors={errors.file}
      >
        {(fieldProps) => (
          <input
            {...fieldProps}
            key={fileInputKey}
            type="file"
            accept={ACCEPTED_EXTENSIONS.join(",")}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <Field name="evidence-file-title" label="Title" errors={errors.title}>
        {(fieldProps) => (
          <input
            {...fieldProps}
            type="text"
            maxLength={200}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
          />
        )}
      </Field>
      <VisibilityChoice
        name="evidence-file-visibility"
        value={visibility}
        onChange={setVisibility}
        errors={errors.visibility}
      />
      <SupportsSelect
        {...props}
        name="evidence-file-item"
        value={itemRef}
        onChange={setItemRef}
        errors={errors.itemRef}
      />
      <button className="button" type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Uploading…" : "Upload"}
      </button>
    </form>
  );
}

function LinkForm(props: Props) {
  const queryClient = useQueryClient();
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const [visibility, setVisibility] = useState<EvidenceVisibility | "">("internal");
  const [itemRef, setItemRef] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () =>
      api<EvidenceItem>(`/api/reports/${props.reportId}/evidence`, {
        method: "POST",
        body: { url, title, visibility, itemRef },
      }),
    onSuccess: (item) => {
      setSaved(`The link “${item.title}” was added.`);
      setUrl("");
      setTitle("");
      setItemRef("");
      return queryClient.invalidateQueries({ queryKey: evidenceQueryKey(props.reportId) });
    },
  });
  const errors = fieldErrorsOf(mutation.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    mutation.mutate();
  };
  return (
    <form className="form card" onSubmit={submit} noValidate>
      <h3>Add a link</h3>
      <FormMessage ok={Boolean(saved)} message={saved ?? messageOf(mutation.error)} />
      <Field
        name="evidence-link-url"
        label="Web address"
        hint="Starting with https:// or http://"
        errors={errors.url}
      >
        {(fieldProps) => (
          <input
            {...fieldProps}
            type="url"
            inputMode="url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
        )}
      </Field>
      <Field name="evidence-link-title" label="Title" errors={errors.title}>
        {(fieldProps) => (
          <input
            {...fieldProps}
            type="text"
            maxLength={200}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
          />
        )}
      </Field>
      <VisibilityChoice
        name="evidence-link-visibility"
        value={visibility}
        onChange={setVisibility}
        errors={errors.visibility}
      />
      <SupportsSelect
        {...props}
        name="evidence-link-item"
        value={itemRef}
        onChange={setItemRef}
        errors={errors.itemRef}
      />
      <button className="button" type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Adding…" : "Add link"}
      </button>
    </form>
  );
}

function EvidenceEntry({
  item,
  supports,
  editable,
  reportId,
}: {
  item: EvidenceItem;
  supports: string;
  editable: boolean;
  reportId: number;
}) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api<{ id: number }>(`/api/evidence/${item.id}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: evidenceQueryKey(reportId) }),
  });
  return (
    <li>
      <strong>{item.title}</strong>
      <p className="meta">
        {item.kind === "file"
          ? `${item.fileName}, ${formatSize(item.sizeBytes)}`
          : `Link to ${item.host}`}
        {" · "}
        {item.visibility === "public" ? "Public" : "Internal"}
        {" · "}
        Supports: {supports}
        {item.uploadedBy ? ` · Added by ${item.uploadedBy}` : null}
      </p>
      <p>
        {item.kind === "file" ? (
          <a href={item.href} download={item.fileName}>
            Download<span className="sr-only"> {item.title}</span>
          </a>
        ) : (
          <a href={item.url} rel="noopener noreferrer" target="_blank">
            Open link<span className="sr-only"> {item.title} (opens in a new tab)</span>
          </a>
        )}
        {editable ? (
          <>
            {" "}
            <button
              className="button button-secondary button-small"
              type="button"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(`Remove “${item.title}” from this report?`)) remove.mutate();
              }}
            >
              Remove<span className="sr-only"> {item.title}</span>
            </button>
          </>
        ) : null}
      </p>
      {remove.error ? (
        <p className="field-error" role="alert">
          {messageOf(remove.error)}
        </p>
      ) : null}
    </li>
  );
}

export function EvidencePanel(props: Props) {
  const { reportId, editable, items } = props;
  const query = useQuery({
    queryKey: evidenceQueryKey(reportId),
    queryFn: () => api<EvidenceItem[]>(`/api/reports/${reportId}/evidence`),
  });
  const labels = new Map(items.map((item) => [item.value, item.label]));
  const supports = (itemRef: string | null) =>
    itemRef === null ? "the whole report" : (labels.get(itemRef) ?? itemRef);
  return (
    // No heading of its own: the report page gives the section its "Evidence" heading.
    <div className="evidence-panel">
      {query.isPending ? <p>Loading the evidence…</p> : null}
      {query.error ? (
        <p className="alert alert-error" role="alert">
          The evidence could not be loaded: {messageOf(query.error)}
        </p>
      ) : null}
      {query.data?.length === 0 ? <p>No evidence yet.</p> : null}
      {query.data?.length ? (
        <ul className="evidence-list">
          {query.data.map((item) => (
            <EvidenceEntry
              key={item.id}
              item={item}
              supports={supports(item.itemRef)}
              editable={editable}
              reportId={reportId}
            />
          ))}
        </ul>
      ) : null}
      {editable ? (
        <>
          <UploadForm {...props} />
          <LinkForm {...props} />
        </>
      ) : null}
    </div>
  );
}
