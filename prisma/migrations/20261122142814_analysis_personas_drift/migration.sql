-- CreateTable
CREATE TABLE "Analysis" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "sweep" JSONB NOT NULL,
    "recommendedK" INTEGER NOT NULL,
    "chosenK" INTEGER NOT NULL,
    "pca" JSONB NOT NULL,
    "business" JSONB,
    "timings" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Analysis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnalysisLabels" (
    "analysisId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "labels" BYTEA NOT NULL,

    CONSTRAINT "AnalysisLabels_pkey" PRIMARY KEY ("analysisId","key")
);

-- CreateTable
CREATE TABLE "Persona" (
    "id" TEXT NOT NULL,
    "analysisId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "k" INTEGER NOT NULL,
    "segmentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "strategy" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "share" DOUBLE PRECISION NOT NULL,
    "conversionRate" DOUBLE PRECISION,
    "traits" JSONB NOT NULL,
    "rules" JSONB NOT NULL,
    "editedAt" TIMESTAMP(3),

    CONSTRAINT "Persona_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Projection" (
    "id" TEXT NOT NULL,
    "analysisId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "rowIndices" BYTEA NOT NULL,
    "coords" BYTEA NOT NULL,
    "quality" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Projection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DriftReport" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "against" TEXT NOT NULL,
    "source" TEXT,
    "baselineRows" INTEGER NOT NULL,
    "currentRows" INTEGER NOT NULL,
    "dims" JSONB NOT NULL,
    "features" JSONB NOT NULL,
    "maxPsi" DOUBLE PRECISION NOT NULL,
    "centroidDistance" DOUBLE PRECISION NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DriftReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Analysis_runId_createdAt_idx" ON "Analysis"("runId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Persona_analysisId_source_k_segmentId_key" ON "Persona"("analysisId", "source", "k", "segmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Projection_analysisId_method_key" ON "Projection"("analysisId", "method");

-- CreateIndex
CREATE INDEX "DriftReport_runId_createdAt_idx" ON "DriftReport"("runId", "createdAt");

-- AddForeignKey
ALTER TABLE "Analysis" ADD CONSTRAINT "Analysis_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalysisLabels" ADD CONSTRAINT "AnalysisLabels_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Persona" ADD CONSTRAINT "Persona_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Projection" ADD CONSTRAINT "Projection_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DriftReport" ADD CONSTRAINT "DriftReport_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

