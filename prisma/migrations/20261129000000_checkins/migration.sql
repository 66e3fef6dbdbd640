-- CreateEnum
CREATE TYPE "CheckInCadence" AS ENUM ('daily', 'weekdays', 'weekly', 'biweekly', 'cron');

-- CreateEnum
CREATE TYPE "CheckInStatus" AS ENUM ('active', 'paused', 'cancelled', 'ended');

-- CreateEnum
CREATE TYPE "OccurrenceStatus" AS ENUM ('sent', 'skipped');

-- CreateEnum
CREATE TYPE "CheckInAnswerKind" AS ENUM ('update', 'lesson', 'meeting', 'nothing_new');

-- AlterTable
ALTER TABLE "Tender" ADD COLUMN     "checkInSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "keyDateNudgeDays" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "nudgesOn" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "questionNudgeDays" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "silenceNudgeDays" INTEGER NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "Seller" ADD COLUMN     "timezone" TEXT;

-- CreateTable
CREATE TABLE "CheckIn" (
    "id" SERIAL NOT NULL,
    "tenderId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "cadence" "CheckInCadence" NOT NULL,
    "cron" TEXT NOT NULL,
    "anchorOn" DATE,
    "timezone" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "sellerIds" INTEGER[],
    "endsOn" DATE,
    "windowHours" INTEGER NOT NULL DEFAULT 24,
    "status" "CheckInStatus" NOT NULL DEFAULT 'active',
    "nextRunAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckInOccurrence" (
    "id" SERIAL NOT NULL,
    "checkInId" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "OccurrenceStatus" NOT NULL,
    "reason" TEXT,
    "sellerIds" INTEGER[],
    "digestAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckInOccurrence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckInAnswer" (
    "id" SERIAL NOT NULL,
    "occurrenceId" INTEGER NOT NULL,
    "sellerId" INTEGER NOT NULL,
    "kind" "CheckInAnswerKind" NOT NULL,
    "text" TEXT NOT NULL,
    "lessonId" INTEGER,
    "userId" TEXT NOT NULL,
    "userTeamId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "ts" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckInAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CheckIn_status_nextRunAt_idx" ON "CheckIn"("status", "nextRunAt");

-- CreateIndex
CREATE UNIQUE INDEX "CheckIn_tenderId_number_key" ON "CheckIn"("tenderId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "CheckInOccurrence_checkInId_dueAt_key" ON "CheckInOccurrence"("checkInId", "dueAt");

-- CreateIndex
CREATE INDEX "CheckInAnswer_occurrenceId_sellerId_idx" ON "CheckInAnswer"("occurrenceId", "sellerId");

-- CreateIndex
CREATE INDEX "Delivery_channelId_ts_idx" ON "Delivery"("channelId", "ts");

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_tenderId_fkey" FOREIGN KEY ("tenderId") REFERENCES "Tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInOccurrence" ADD CONSTRAINT "CheckInOccurrence_checkInId_fkey" FOREIGN KEY ("checkInId") REFERENCES "CheckIn"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInAnswer" ADD CONSTRAINT "CheckInAnswer_occurrenceId_fkey" FOREIGN KEY ("occurrenceId") REFERENCES "CheckInOccurrence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

