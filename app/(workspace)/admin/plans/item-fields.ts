import type { FormSection } from "./structure-form";

/** A pillar's or an output's fields. */
export function itemSections(): FormSection[] {
  return [
    {
      fields: [
        { name: "title", label: "Title", type: "textarea", maxLength: 500 },
        {
          name: "description",
          label: "Description (optional)",
          type: "textarea",
          maxLength: 5000,
        },
      ],
    },
  ];
}
