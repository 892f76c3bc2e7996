/**
 * Loads the demo data (Rwanda's plans, institutions, demo accounts) into an empty database,
 * in one transaction: either all of it is there or none of it.
 */
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/domain/enums";
import { seedReporting } from "./reports";
import { RWANDA_2009, RWANDA_2018 } from "./rwanda";
import type { PlanFile } from "./types";

export const DEMO_FLAG = "demo_data";

export function isEmpty(db: Db): boolean {
  return db.select({ id: s.plans.id }).from(s.plans).limit(1).all().length === 0;
}

export type DemoAccount = { email: string; role: Role; institution: string | null };

export function demoAccounts(): DemoAccount[] {
  const reporters = RWANDA_2018.institutions
    .filter((i) => i.kind !== "civil_society")
    .map((i) => ({
      email: `reporter.${i.acronym.toLowerCase()}@example.org`,
      role: "reporter" as const,
      institution: i.acronym,
    }));
  return [
    { email: "admin@example.org", role: "admin", institution: "MIGEPROF" },
    { email: "reviewer@example.org", role: "reviewer", institution: null },
    { email: "cso@example.org", role: "cso", institution: "PFTH" },
    ...reporters,
    // A second focal point, so that two people can work on one institution's report.
    { email: "reporter2.migeprof@example.org", role: "reporter", institution: "MIGEPROF" },
  ];
}

function insertPlan(db: Db, file: PlanFile, institutionIds: Map<string, number>, now: string) {
  const id = (acronym: string) => {
    const found = institutionIds.get(acronym);
    if (found === undefined) throw new Error(`Seed: unknown institution ${acronym}`);
    return found;
  };
  const { leadInstitution, ...plan } = file.plan;
  const planRow = db
    .insert(s.plans)
    .values({ ...plan, leadInstitutionId: id(leadInstitution) })
    .returning({ id: s.plans.id })
    .get();

  const dimensionIds = new Map<string, number>();
  /** Category ids by `dimension/category`, so a district can name its province as parent. */
  const categoryIds = new Map<string, number>();
  file.dimensions.forEach((dimension, position) => {
    const row = db
      .insert(s.dimensions)
      .values({ planId: planRow.id, key: dimension.key, name: dimension.name, position })
      .returning({ id: s.dimensions.id })
      .get();
    dimensionIds.set(dimension.key, row.id);
    dimension.categories.forEach((category, categoryPosition) => {
      const categoryRow = db
        .insert(s.dimensionCategories)
        .values({
          dimensionId: row.id,
          key: category.key,
          label: category.label,
          parentId: category.parent ? (categoryIds.get(category.parent) ?? null) : null,
          position: categoryPosition,
        })
        .returning({ id: s.dimensionCategories.id })
        .get();
      categoryIds.set(`${dimension.key}/${category.key}`, categoryRow.id);
    });
  });

  let indicatorPosition = 0;
  for (const pillar of file.pillars) {
    const pillarRow = db
      .insert(s.pillars)
      .values({ planId: planRow.id, number: pillar.number, title: pillar.title })
      .returning({ id: s.pillars.id })
      .get();
    for (const output of pillar.outputs) {
      const outputRow = db
        .insert(s.outputs)
        .values({ pillarId: pillarRow.id, number: output.number, title: output.title })
        .returning({ id: s.outputs.id })
        .get();
      db.insert(s.outputInstitutions)
        .values([
          { outputId: outputRow.id, institutionId: id(output.lead), role: "lead" },
          ...output.supporting.map((acronym) => ({
            outputId: outputRow.id,
            institutionId: id(acronym),
            role: "supporting" as const,
          })),
        ])
        .run();
      for (const indicator of output.indicators) {
        const illustrative = !indicator.realBaseline;
        const indicatorRow = db
          .insert(s.indicators)
          .values({
            planId: planRow.id,
            pillarId: pillarRow.id,
            outputId: outputRow.id,
            code: indicator.code,
            title: indicator.title,
            definition: indicator.definition ?? null,
            unit: indicator.unit,
            direction: indicator.direction,
            baselineValue: indicator.baseline.value,
            baselineYear: indicator.baseline.year,
            endTarget: indicator.endTarget ?? null,
            dataSource: indicator.dataSource,
            collectionFrequency: indicator.frequency,
            responsibleInstitutionId: id(indicator.responsible),
            sensitive: indicator.sensitive ?? false,
            provenance: indicator.provenance ?? file.illustrativeNote,
            illustrative,
            position: indicatorPosition++,
          })
          .returning({ id: s.indicators.id })
          .get();
        const targets = Object.entries(indicator.targets);
        if (targets.length > 0) {
          db.insert(s.indicatorTargets)
            .values(
              targets.map(([year, value]) => ({
                indicatorId: indicatorRow.id,
                year: Number(year),
                value,
              })),
            )
            .run();
        }
        for (const key of indicator.dimensions) {
          const dimensionId = dimensionIds.get(key);
          if (dimensionId === undefined) throw new Error(`Seed: unknown dimension ${key}`);
          db.insert(s.indicatorDimensions)
            .values({ indicatorId: indicatorRow.id, dimensionId })
            .run();
        }
        for (const observation of indicator.observations ?? []) {
          db.insert(s.observations)
            .values({
              indicatorId: indicatorRow.id,
              periodCode: String(observation.year),
              year: observation.year,
              value: observation.value,
              institutionId: id(indicator.responsible),
              provenance: indicator.dataSource,
              illustrative: false,
              approvedAt: now,
            })
            .run();
        }
      }
      (output.milestones ?? []).forEach((milestone, position) => {
        db.insert(s.milestones)
          .values({
            outputId: outputRow.id,
            title: milestone.title,
            dueDate: milestone.dueDate,
            status: milestone.status,
            responsibleInstitutionId: id(milestone.responsible),
            illustrative: true,
            position,
          })
          .run();
      });
    }
  }
}

export type SeedResult = { password: string; generated: boolean; accounts: DemoAccount[] };

/**
 * Seeds the demo data. The demo accounts' password is `password` (from DEMO_PASSWORD) or, if
 * none is given, a random one that the caller prints once.
 */
export async function seedDemo(db: Db, password?: string): Promise<SeedResult> {
  const generated = !password;
  const demoPassword = password ?? generatePassword();
  const accounts = demoAccounts();
  const hashes = await Promise.all(accounts.map(() => hashPassword(demoPassword)));
  const now = new Date().toISOString();

  db.transaction((tx) => {
    const t = tx as unknown as Db;
    const institutionIds = new Map<string, number>();
    for (const institution of RWANDA_2018.institutions) {
      const row = t
        .insert(s.institutions)
        .values({ countryCode: "RWA", ...institution })
        .returning({ id: s.institutions.id })
        .get();
      institutionIds.set(institution.acronym, row.id);
    }
    insertPlan(t, RWANDA_2018, institutionIds, now);
    insertPlan(t, RWANDA_2009, institutionIds, now);
    accounts.forEach((account, index) => {
      const name = account.email.startsWith("reporter2.")
        ? `${account.institution} second focal point`
        : account.role === "reporter"
          ? `${account.institution} focal point`
          : {
              admin: "NAP Secretariat",
              reviewer: "Steering Committee Member",
              cso: "Civil Society Member",
            }[account.role];
      t.insert(s.users)
        .values({
          email: account.email,
          name: name ?? account.email,
          role: account.role,
          institutionId: account.institution
            ? (institutionIds.get(account.institution) ?? null)
            : null,
          passwordHash: hashes[index] ?? null,
        })
        .run();
    });
    const plan = t
      .select({ id: s.plans.id })
      .from(s.plans)
      .where(eq(s.plans.slug, RWANDA_2018.plan.slug))
      .get();
    if (!plan) throw new Error("Seed: Rwanda's plan was not inserted.");
    const userIds = new Map(
      t
        .select({ id: s.users.id, email: s.users.email })
        .from(s.users)
        .all()
        .map((u) => [u.email, u.id]),
    );
    seedReporting(t, plan.id, { institutions: institutionIds, users: userIds }, now);
    t.insert(s.appSettings).values({ key: DEMO_FLAG, value: now }).run();
    t.insert(s.auditEvents)
      .values({
        actorLabel: "system",
        action: "seed.demo",
        entityType: "database",
        after: { plans: 2 },
      })
      .run();
  });
  return { password: demoPassword, generated, accounts };
}
