import { INSTITUTION_KINDS } from "@/lib/domain/enums";
import { INSTITUTION_KIND_LABELS } from "@/lib/framework/structure-schema";
import type { FormSection } from "../plans/structure-form";

/** The institution form's fields; the country code only when creating (it cannot change). */
export function institutionSections(creating: boolean): FormSection[] {
  return [
    {
      fields: [
        ...(creating
          ? [
              {
                name: "countryCode",
                label: "Country code",
                hint: "Three letters (ISO 3166-1 alpha-3), like RWA or KEN. It cannot change later.",
                maxLength: 3,
              },
            ]
          : []),
        {
          name: "acronym",
          label: "Acronym",
          hint: "Unique in its country, like MIGEPROF.",
          maxLength: 20,
        },
        { name: "name", label: "Name", maxLength: 300 },
        {
          name: "kind",
          label: "Kind",
          type: "select",
          options: INSTITUTION_KINDS.map((k) => ({ value: k, label: INSTITUTION_KIND_LABELS[k] })),
        },
        {
          name: "website",
          label: "Website (optional)",
          hint: "Starting with https://",
          maxLength: 500,
        },
      ],
    },
  ];
}
