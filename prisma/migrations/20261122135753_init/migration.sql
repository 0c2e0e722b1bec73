-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "Dataset" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "delimiter" TEXT NOT NULL,
    "schema" JSONB NOT NULL,
    "overrides" JSONB NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "columnCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" SERIAL NOT NULL,
    "datasetId" TEXT NOT NULL,
    "rowIndex" INTEGER NOT NULL,
    "customerKey" TEXT NOT NULL,
    "attributes" JSONB NOT NULL,
    "label" INTEGER,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "kind" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "stage" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "metrics" JSONB,
    "curves" JSONB,
    "encoder" JSONB,
    "featureCount" INTEGER,
    "embeddingDim" INTEGER,
    "artifactPath" TEXT,
    "timings" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunCustomer" (
    "runId" TEXT NOT NULL,
    "customerId" INTEGER NOT NULL,
    "split" TEXT NOT NULL,
    "label" INTEGER,
    "probability" DOUBLE PRECISION,
    "embedding" BYTEA NOT NULL,

    CONSTRAINT "RunCustomer_pkey" PRIMARY KEY ("runId","customerId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_name_key" ON "Dataset"("name");

-- CreateIndex
CREATE INDEX "Dataset_contentHash_idx" ON "Dataset"("contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_datasetId_customerKey_key" ON "Customer"("datasetId", "customerKey");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_datasetId_rowIndex_key" ON "Customer"("datasetId", "rowIndex");

-- CreateIndex
CREATE INDEX "Run_datasetId_createdAt_idx" ON "Run"("datasetId", "createdAt");

-- CreateIndex
CREATE INDEX "RunCustomer_runId_split_idx" ON "RunCustomer"("runId", "split");

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunCustomer" ADD CONSTRAINT "RunCustomer_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunCustomer" ADD CONSTRAINT "RunCustomer_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

