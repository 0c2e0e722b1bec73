-- AlterTable
ALTER TABLE "SegmentSnapshot" ADD COLUMN     "state" JSONB;

