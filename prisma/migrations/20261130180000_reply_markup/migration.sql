-- AlterTable
ALTER TABLE "Reply" ADD COLUMN     "markup" TEXT;
