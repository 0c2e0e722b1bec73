-- CreateTable
CREATE TABLE "Explanation" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "features" JSONB NOT NULL,
    "baseValue" DOUBLE PRECISION NOT NULL,
    "importance" JSONB NOT NULL,
    "rowIndices" BYTEA NOT NULL,
    "values" BYTEA NOT NULL,
    "evaluations" INTEGER NOT NULL,
    "timings" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Explanation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Explanation_runId_createdAt_idx" ON "Explanation"("runId", "createdAt");

-- AddForeignKey
ALTER TABLE "Explanation" ADD CONSTRAINT "Explanation_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

