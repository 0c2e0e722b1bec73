// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL responses are shaped by each query and checked by the assertions

import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { ADMIN, ApiClient, startTestApi, type TestApi } from "../support/api.ts";
import { SHARED_DATA, THERA_BANK } from "../support/data.ts";
import { postgresReachable, type StoreKind } from "../support/stores.ts";
import { TINY_TEXT_MODEL } from "../support/text-models.ts";

const MAX_UPLOAD = 2 * 1024 * 1024;
const RUN_FIELDS = `id status active metrics { split n auc ks } roc { split points { fpr tpr } } history { epoch valAuc }`;

// The seed workflow through GraphQL alone, over real HTTP, on both relational stores.
describe.each<StoreKind>(["embedded", "postgresql"])("GraphQL API on the %s store", (kind) => {
  let api: TestApi | undefined;
  let admin: ApiClient;
  let analyst: ApiClient;
  let viewer: ApiClient;
  let anonymous: ApiClient;
  let datasetId = "";
  let runId = "";
  let listId = "";

  beforeAll(async () => {
    if (kind === "postgresql" && !(await postgresReachable())) return;
    api = await startTestApi(kind, {
      KINDRED_MAX_UPLOAD_BYTES: String(MAX_UPLOAD),
      KINDRED_TEXT_MODEL: TINY_TEXT_MODEL,
    });
    anonymous = new ApiClient(api.url);
    admin = new ApiClient(api.url);
    await admin.login(ADMIN.email, ADMIN.password);
    for (const [email, role] of [
      ["ana@example.com", "analyst"],
      ["vic@example.com", "viewer"],
    ]) {
      const { createUser } = await admin.data(
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { ok error { message } user { id role } } }`,
        { input: { email, password: "a-long-enough-password", role } },
      );
      expect(createUser.ok).toBe(true);
    }
    analyst = new ApiClient(api.url);
    await analyst.login("ana@example.com", "a-long-enough-password");
    // The viewer uses a bearer token, as a script would.
    const { users } = await admin.data(`{ users { items { id email } } }`);
    const vic = users.items.find((u: { email: string }) => u.email === "vic@example.com");
    const { createApiToken } = await admin.data(
      `mutation ($userId: ID) { createApiToken(name: "dashboard script", userId: $userId) { ok token } }`,
      { userId: vic.id },
    );
    viewer = new ApiClient(api.url, createApiToken.token);
  });
  afterAll(async () => {
    await api?.dispose();
  });

  it("anonymous requests get 401, except login and health", async (test) => {
    if (!api) return test.skip();
    const result = await anonymous.request(`{ datasets { id } }`);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    // Query limits: nesting depth and estimated cost are refused before anything runs.
    const nested = (levels: number): string =>
      levels === 0 ? "id" : `dataset { runs { items { ${nested(levels - 1)} } } }`;
    const deep = await admin.request(`{ runs { items { ${nested(5)} } } }`);
    expect(deep.status).toBe(400);
    expect(deep.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_DEEP");
    const costly = await admin.request(
      `{ datasets(page: { limit: 500 }) { items { runs(page: { limit: 500 }) { items { id metrics { auc } } } } } }`,
    );
    expect(costly.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COSTLY");
    const wrong = await anonymous.data(
      `mutation { login(email: "admin@example.com", password: "nope-nope-nope") { ok error { code } } }`,
    );
    expect(wrong.login).toEqual({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });

  it("imports Thera Bank by upload after a preview; a malformed or oversized upload writes nothing", async (test) => {
    if (!api) return test.skip();
    const input = { target: "Personal Loan", idColumn: "ID", drop: ["ZIP Code"] };
    const preview = await analyst.upload(
      `mutation ($file: Upload!, $input: ImportDatasetInput) { previewDataset(file: $file, input: $input) { ok preview { rowCount rows columns { name kind role } } } }`,
      { input },
      { file: { path: THERA_BANK } },
    );
    expect(preview.data?.previewDataset).toMatchObject({ ok: true, preview: { rowCount: 5000 } });
    expect((preview.data as any).previewDataset.preview.rows).toHaveLength(20);

    const ragged = await analyst.upload(
      `mutation ($file: Upload!) { importDataset(file: $file) { ok error { code message line } dataset { id } } }`,
      {},
      { file: { name: "broken.csv", content: "a,b,c\n1,2,3\n4,5\n" } },
    );
    expect((ragged.data as any).importDataset).toMatchObject({
      ok: false,
      error: { code: "RAGGED_ROW", line: 3 },
    });
    const huge = await analyst.upload(
      `mutation ($file: Upload!) { importDataset(file: $file) { ok } }`,
      {},
      { file: { name: "huge.csv", content: `a,b\n${"1,2\n".repeat(MAX_UPLOAD / 4 + 10)}` } },
    );
    expect(huge.status).toBe(413);
    expect(huge.errors?.[0]?.extensions?.code).toBe("PAYLOAD_TOO_LARGE");
    expect((await analyst.data(`{ datasets { page { total } } }`)).datasets.page.total).toBe(0);

    const imported = await analyst.upload(
      `mutation ($file: Upload!, $input: ImportDatasetInput) { importDataset(file: $file, input: $input) { ok error { message } dataset { id name rowCount target { column positive } columns { name kind role stats { histogram } } } } }`,
      { input },
      { file: { path: THERA_BANK } },
    );
    const dataset = (imported.data as any).importDataset.dataset;
    expect(dataset).toMatchObject({
      name: "Bank_Personal_Loan_Modelling",
      rowCount: 5000,
      target: { column: "Personal Loan" },
    });
    expect(dataset.columns.find((c: { name: string }) => c.name === "Income").stats.histogram).toHaveLength(
      20,
    );
    datasetId = dataset.id;
  });

  it("a viewer cannot start a run; invalid configs and unknown ids get typed errors and start nothing", async (test) => {
    if (!api) return test.skip();
    const start = `mutation ($datasetId: ID!, $config: RunConfigInput) { startRun(datasetId: $datasetId, config: $config) { ok error { code field message } job { id } } }`;
    const denied = await viewer.request(start, { datasetId });
    expect(denied.status).toBe(403);
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const negative = await analyst.data(start, { datasetId, config: { model: { maxEpochs: -3 } } });
    expect(negative.startRun).toMatchObject({
      ok: false,
      error: { code: "INVALID_CONFIG", field: "model.maxEpochs" },
    });
    const unknown = await analyst.data(start, { datasetId: "no-such-dataset" });
    expect(unknown.startRun).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const badDrop = await analyst.data(start, { datasetId, config: { drop: ["Salary"] } });
    expect(badDrop.startRun).toMatchObject({ ok: false, error: { code: "UNKNOWN_COLUMN", field: "drop" } });
    const { jobs, runs } = await analyst.data(`{ jobs { page { total } } runs { page { total } } }`);
    expect([jobs.page.total, runs.page.total]).toEqual([0, 0]);
  });

  it("trains in the background with progress pushed over a subscription; the run becomes active", async (test) => {
    if (!api) return test.skip();
    const { startRun } = await analyst.data(
      `mutation ($datasetId: ID!) { startRun(datasetId: $datasetId) { ok job { id status } } }`,
      { datasetId },
    );
    expect(startRun.ok).toBe(true);
    const updates: { status: string; progress: number; stage: string }[] = [];
    const ws = createClient({
      url: `${api.url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${analyst.token}` },
    });
    await new Promise<void>((resolve, reject) => {
      ws.subscribe(
        {
          query: `subscription ($id: ID!) { jobProgress(id: $id) { status progress stage } }`,
          variables: { id: startRun.job.id },
        },
        {
          next: (message) => updates.push((message.data as any).jobProgress),
          error: reject,
          complete: resolve,
        },
      );
    });
    await ws.dispose();
    expect(updates.at(-1)?.status).toBe("succeeded");
    expect(updates.some((u) => u.stage.startsWith("train epoch"))).toBe(true);
    const progress = updates.map((u) => u.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const job = await analyst.waitForJob(startRun.job.id);
    runId = job.run?.id as string;
    const { run } = await analyst.data(`query ($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`, { id: runId });
    expect(run).toMatchObject({ status: "succeeded", active: true });
    expect(run.metrics.find((m: { split: string }) => m.split === "oot1").auc).toBeGreaterThan(0.98);
    expect(run.roc.length).toBeGreaterThanOrEqual(4);
    expect(run.history.length).toBeGreaterThan(0);
    const { bestRun } = await analyst.data(
      `query ($d: ID!) { bestRun(datasetId: $d, split: oot1, measure: auc) { id } }`,
      { d: datasetId },
    );
    expect(bestRun.id).toBe(runId);
  });

  it("analyzes (a reversed K range is refused), then serves personas, the sweep and the PCA map", async (test) => {
    if (!api) return test.skip();
    const analyze = `mutation ($runId: ID!, $input: AnalyzeInput) { analyzeRun(runId: $runId, input: $input) { ok error { code field } job { id } } }`;
    const reversed = await analyst.data(analyze, { runId, input: { kMin: 6, kMax: 3 } });
    expect(reversed.analyzeRun).toMatchObject({
      ok: false,
      error: { code: "INVALID_CONFIG", field: "kMin" },
    });
    const tiny = await analyst.data(analyze, { runId, input: { minClusterSize: 1 } });
    expect(tiny.analyzeRun).toMatchObject({
      ok: false,
      error: { code: "INVALID_CONFIG", field: "minClusterSize" },
    });
    const { analyzeRun } = await analyst.data(analyze, {
      runId,
      input: { kMax: 6, tsne: false, umap: false },
    });
    expect((await analyst.waitForJob(analyzeRun.job.id)).status).toBe("succeeded");
    const { run } = await viewer.data(
      `query ($id: ID!) { run(id: $id) { latestAnalysis { id recommendedK chosenK sweep { k silhouette inertia } pca { firstTwo } density { on rows clusterCount noiseCount noiseShare minClusterSize agreementWithKMeans clusters { cluster size share conversionRate } } personas { id name share } projection(method: pca) { count customerIds x y label persona } } } }`,
      { id: runId },
    );
    const analysis = run.latestAnalysis;
    expect(analysis.sweep.map((p: { k: number }) => p.k)).toEqual([2, 3, 4, 5, 6]);
    expect(analysis.personas).toHaveLength(analysis.chosenK);
    expect(analysis.projection.count).toBe(5000);
    expect(analysis.projection.x).toHaveLength(5000);
    // HDBSCAN on the embeddings (no UMAP map), the noise listed last as its own group.
    expect(analysis.density).toMatchObject({ on: "embeddings", rows: 5000, minClusterSize: 50 });
    expect(analysis.density.clusters).toHaveLength(analysis.density.clusterCount + 1);
    expect(analysis.density.clusters.at(-1)).toMatchObject({
      cluster: -1,
      size: analysis.density.noiseCount,
    });
    expect(typeof analysis.density.agreementWithKMeans).toBe("number");
    // A marketing manager (viewer) names a persona.
    const persona = analysis.personas[0];
    const { updatePersona } = await viewer.data(
      `mutation ($id: ID!) { updatePersona(id: $id, input: { name: "Affluent savers" }) { ok persona { name editedAt } } }`,
      { id: persona.id },
    );
    expect(updatePersona.persona.name).toBe("Affluent savers");
  });

  it("runs a lookalike, makes it a target list and exports it as CSV (audited); a viewer cannot export", async (test) => {
    if (!api) return test.skip();
    const lookalike = {
      runId,
      seeds: { filter: { labels: [1] } },
      candidates: { labels: [0] },
      strategy: "centroid",
      limit: 200,
    };
    const { lookalike: found } = await analyst.data(
      `query ($input: LookalikeInput!) { lookalike(input: $input) { ok error { message } result { seeds results { rank customerId similarity label } evaluation { lift } } } }`,
      { input: lookalike },
    );
    expect(found.result.seeds).toBe(480);
    expect(found.result.results).toHaveLength(200);
    expect(found.result.results.every((r: { label: number }) => r.label === 0)).toBe(true);
    expect(found.result.evaluation.lift).toBeGreaterThan(2);
    const unknownRun = await analyst.data(
      `query ($input: LookalikeInput!) { lookalike(input: $input) { ok error { code } } }`,
      { input: { ...lookalike, runId: "no-such-run" } },
    );
    expect(unknownRun.lookalike).toEqual({ ok: false, error: { code: "NOT_FOUND" } });

    const { createTargetList } = await analyst.data(
      `mutation ($input: CreateTargetListInput!) { createTargetList(input: $input) { ok error { message } targetList { id rowCount exportPath } } }`,
      { input: { runId, name: "Loan lookalikes", from: { lookalike } } },
    );
    expect(createTargetList.targetList.rowCount).toBe(200);
    listId = createTargetList.targetList.id;
    const path = createTargetList.targetList.exportPath;
    const denied = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${viewer.token}` } });
    expect(denied.status).toBe(403);
    const csv = await fetch(`${api.url}${path}?columns=rank,customer_id,similarity,Income,Family`, {
      headers: { authorization: `Bearer ${analyst.token}` },
    });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trimEnd().split("\n");
    expect(lines[0]).toBe("rank,customer_id,similarity,Income,Family");
    expect(lines).toHaveLength(201);
    expect(lines[1]?.split(",")[1]).toBe(found.result.results[0].customerId);
    const { auditLog } = await admin.data(
      `{ auditLog(action: "export") { items { subject rows user { email } } } }`,
    );
    expect(auditLog.items).toEqual([
      { subject: `targetList:${listId}`, rows: 200, user: { email: "ana@example.com" } },
    ]);
  });

  it("target lists from a persona and from ids; unknown ids are refused and write nothing", async (test) => {
    if (!api) return test.skip();
    const create = `mutation ($input: CreateTargetListInput!) { createTargetList(input: $input) { ok error { code field } targetList { rowCount source members(page: { limit: 2 }) { items { customerId } } } } }`;
    const { run } = await analyst.data(
      `query ($id: ID!) { run(id: $id) { latestAnalysis { personas { id size } } } }`,
      { id: runId },
    );
    const persona = run.latestAnalysis.personas[0];
    const fromPersona = await analyst.data(create, {
      input: { runId, name: "Persona", from: { personaId: persona.id } },
    });
    expect(fromPersona.createTargetList.targetList).toMatchObject({
      source: "persona",
      rowCount: persona.size,
    });
    const fromIds = await analyst.data(create, {
      input: { runId, name: "Picked", from: { customerIds: ["42", "7"] } },
    });
    expect(fromIds.createTargetList.targetList.members.items).toEqual([
      { customerId: "42" },
      { customerId: "7" },
    ]);
    const before = (await analyst.data(`{ targetLists { page { total } } }`)).targetLists.page.total;
    const unknown = await analyst.data(create, {
      input: { runId, name: "Bad", from: { customerIds: ["42", "nobody"] } },
    });
    expect(unknown.createTargetList).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND", field: "customerIds" },
    });
    const noRun = await analyst.data(create, {
      input: { runId: "no-such-run", name: "Bad", from: { customerIds: ["42"] } },
    });
    expect(noRun.createTargetList).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await analyst.data(`{ targetLists { page { total } } }`)).targetLists.page.total).toBe(before);
  });

  it("scores a new batch in the background and reports its drift; a batch without the run's columns is refused", async (test) => {
    if (!api) return test.skip();
    const score = `mutation ($runId: ID!, $file: Upload!) { scoreBatch(runId: $runId, file: $file) { ok error { code column } job { id } } }`;
    const missing = await analyst.upload(
      score,
      { runId },
      { file: { name: "batch.csv", content: "ID,Age\n1,30\n" } },
    );
    expect((missing.data as any).scoreBatch).toMatchObject({ ok: false, error: { code: "UNKNOWN_COLUMN" } });
    const started = await analyst.upload(
      score,
      { runId },
      { file: { path: THERA_BANK, name: "october.csv" } },
    );
    const job = await analyst.waitForJob((started.data as any).scoreBatch.job.id);
    expect(job.status).toBe("succeeded");
    const { driftReport } = await viewer.data(
      `query ($id: ID!) { driftReport(id: $id) { against source currentRows maxPsi status dims { dim psi } features { name psi } } }`,
      { id: job.result.driftReportId },
    );
    expect(driftReport).toMatchObject({ against: "batch", source: "october.csv", currentRows: 5000 });
    expect(driftReport.dims).toHaveLength(32);
    expect(driftReport.features).toHaveLength(11);
  });

  it("tipping lists, a customer's SHAP values and neighbours", async (test) => {
    if (!api) return test.skip();
    const { compareTipping } = await analyst.data(
      `query ($input: TippingInput!) { compareTipping(input: $input) { ok error { message } comparison { overlap jaccard similarity { candidates { customerId tippingFeature tipped } } probability { summary { tippedShare } } } } }`,
      { input: { runId, features: ["Education", "Family"], locked: ["Age"] } },
    );
    expect(compareTipping.ok).toBe(true);
    for (const c of compareTipping.comparison.similarity.candidates)
      expect(["Education", "Family"]).toContain(c.tippingFeature);
    const locked = await analyst.data(
      `query ($input: TippingInput!) { tipping(input: $input) { ok error { code field } } }`,
      { input: { runId, features: ["Age"], locked: ["Age"] } },
    );
    expect(locked.tipping).toEqual({ ok: false, error: { code: "INVALID_CONFIG", field: "features" } });
    const { customer } = await analyst.data(
      `query ($runId: ID!) { customer(runId: $runId, customerId: "10") { probability shap { baseValue contributions { feature shap } } neighbours(limit: 3) { customerId } } }`,
      { runId },
    );
    const total = customer.shap.contributions.reduce(
      (s: number, c: { shap: number }) => s + c.shap,
      customer.shap.baseValue,
    );
    expect(total).toBeCloseTo(customer.probability, 5);
    expect(customer.neighbours).toHaveLength(3);
  });

  it("embeds the customers as text from an uploaded dictionary: a second space for lookalike, List A and the map", async (test) => {
    if (!api) return test.skip();
    const embed = `mutation ($runId: ID!, $dictionary: Upload) { embedText(runId: $runId, dictionary: $dictionary) { ok error { code field column } job { id } } }`;
    const unknown = await analyst.upload(
      embed,
      { runId },
      {
        dictionary: { name: "dictionary.csv", content: "column,description\nSalary,Monthly salary\n" },
      },
    );
    expect((unknown.data as any).embedText).toMatchObject({
      ok: false,
      error: { code: "UNKNOWN_COLUMN", column: "Salary" },
    });
    const started = await analyst.upload(
      embed,
      { runId },
      {
        dictionary: { path: `${SHARED_DATA}Bank_Personal_Loan_Modelling.xlsx` },
      },
    );
    const job = await analyst.waitForJob((started.data as any).embedText.job.id);
    expect(job.status).toBe("succeeded");
    const { run } = await viewer.data(
      `query ($id: ID!) { run(id: $id) { text { model dim rows dictionary sample comparison { mlp text overlap jaccard } } latestAnalysis { projections { method space count } projection(method: pca, space: text) { space count } } } }`,
      { id: runId },
    );
    expect(run.text).toMatchObject({ dim: 32, rows: 5000, dictionary: "Bank_Personal_Loan_Modelling.xlsx" });
    expect(run.text.sample).toContain("Education Level: Undergrad");
    expect(run.text.comparison.overlap).toBeLessThanOrEqual(run.text.comparison.mlp);
    expect(run.latestAnalysis.projections).toContainEqual({ method: "pca", space: "text", count: 5000 });
    expect(run.latestAnalysis.projection).toEqual({ space: "text", count: 5000 });
    const { lookalike } = await analyst.data(
      `query ($input: LookalikeInput!) { lookalike(input: $input) { ok error { message } result { results { customerId label } } } }`,
      {
        input: {
          runId,
          seeds: { filter: { labels: [1] } },
          candidates: { labels: [0] },
          space: "text",
          limit: 25,
        },
      },
    );
    expect(lookalike.result.results).toHaveLength(25);
    expect(lookalike.result.results.every((r: { label: number }) => r.label === 0)).toBe(true);
  });

  it("cancels a training job: the run ends cancelled with nothing stored, and is never active", async (test) => {
    if (!api) return test.skip();
    const { startRun } = await analyst.data(
      `mutation ($datasetId: ID!) { startRun(datasetId: $datasetId, config: { model: { maxEpochs: 400, patience: 400 }, activate: true }) { job { id } } }`,
      { datasetId },
    );
    for (;;) {
      const { job } = await analyst.data(`query ($id: ID!) { job(id: $id) { stage } }`, {
        id: startRun.job.id,
      });
      if (job.stage?.startsWith("train epoch")) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { cancelJob } = await analyst.data(
      `mutation ($id: ID!) { cancelJob(id: $id) { ok job { status run { id status active } } } }`,
      {
        id: startRun.job.id,
      },
    );
    expect(cancelJob.job.status).toBe("cancelled");
    const unknown = await analyst.data(`mutation { retryJob(id: "no-such-job") { ok error { code } } }`);
    expect(unknown.retryJob).toEqual({ ok: false, error: { code: "NOT_FOUND" } });
    expect(cancelJob.job.run).toMatchObject({ status: "cancelled", active: false });
    const rows = await api.store.ctx.db.prisma.runCustomer.count({ where: { runId: cancelJob.job.run.id } });
    expect(rows).toBe(0);
  });

  it("a job interrupted by a restart is marked failed at start-up; the active run stays the complete one", async (test) => {
    if (!api) return test.skip();
    const prisma = api.store.ctx.db.prisma;
    // What a crash mid-training leaves: a running job and a running run without customers.
    const run = await prisma.run.create({
      data: { datasetId, kind: "classifier", config: {}, status: "running" },
    });
    const job = await prisma.job.create({
      data: { kind: "train", input: {}, status: "running", runId: run.id, datasetId },
    });
    // ...and vectors it had begun to write (an index cut short, and one complete).
    const vectors = join(api.store.dataDir, "vectors");
    for (const folder of [run.id, `${run.id}.partial`]) {
      mkdirSync(join(vectors, folder), { recursive: true });
      writeFileSync(join(vectors, folder, "mlp.f32"), new Uint8Array(128));
    }
    await api.jobs.recover();
    expect(readdirSync(vectors).filter((name) => name.startsWith(run.id))).toEqual([]);
    expect(await prisma.job.findUnique({ where: { id: job.id } })).toMatchObject({
      status: "failed",
      errorCode: "INTERRUPTED",
    });
    expect(await prisma.run.findUnique({ where: { id: run.id } })).toMatchObject({ status: "failed" });
    const { dataset } = await analyst.data(`query ($id: ID!) { dataset(id: $id) { activeRun { id } } }`, {
      id: datasetId,
    });
    expect(dataset.activeRun.id).toBe(runId);
  });
});
