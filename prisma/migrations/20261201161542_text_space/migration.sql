-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "textDim" INTEGER,
ADD COLUMN     "textInfo" JSONB,
ADD COLUMN     "textModel" TEXT;

-- AlterTable
ALTER TABLE "RunCustomer" ADD COLUMN     "textEmbedding" BYTEA;

