-- AlterTable
ALTER TABLE "Analysis" ADD COLUMN     "density" JSONB;

