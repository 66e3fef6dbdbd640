-- CreateEnum
CREATE TYPE "BidIntent" AS ENUM ('undecided', 'bidding', 'not_bidding');

-- CreateEnum
CREATE TYPE "NoticeKind" AS ENUM ('revision', 'withdrawal', 'clarification', 'stage', 'dates');

-- CreateEnum
CREATE TYPE "QuietAnswerStatus" AS ENUM ('pending', 'published', 'excepted');

-- AlterTable
ALTER TABLE "Tender" ADD COLUMN     "quietExceptions" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Seller" ADD COLUMN     "intent" "BidIntent" NOT NULL DEFAULT 'undecided',
ADD COLUMN     "intentAt" TIMESTAMP(3),
ADD COLUMN     "intentBy" TEXT,
ADD COLUMN     "intentReason" TEXT;

-- AlterTable
ALTER TABLE "Reply" ADD COLUMN     "late" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Notice" (
    "id" SERIAL NOT NULL,
    "tenderId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "requirementId" INTEGER,
    "createdBy" TEXT NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeReceipt" (
    "noticeId" INTEGER NOT NULL,
    "sellerId" INTEGER NOT NULL,
    "acknowledgedBy" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeReceipt_pkey" PRIMARY KEY ("noticeId","sellerId")
);

-- CreateTable
CREATE TABLE "QuietAnswer" (
    "id" SERIAL NOT NULL,
    "tenderId" INTEGER NOT NULL,
    "replyId" INTEGER NOT NULL,
    "sellerId" INTEGER NOT NULL,
    "requirementId" INTEGER NOT NULL,
    "status" "QuietAnswerStatus" NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "clarificationId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuietAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Notice_key_key" ON "Notice"("key");

-- CreateIndex
CREATE INDEX "Notice_tenderId_createdAt_idx" ON "Notice"("tenderId", "createdAt");

-- CreateIndex
CREATE INDEX "NoticeReceipt_sellerId_idx" ON "NoticeReceipt"("sellerId");

-- CreateIndex
CREATE UNIQUE INDEX "QuietAnswer_replyId_key" ON "QuietAnswer"("replyId");

-- CreateIndex
CREATE INDEX "QuietAnswer_tenderId_status_idx" ON "QuietAnswer"("tenderId", "status");

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_tenderId_fkey" FOREIGN KEY ("tenderId") REFERENCES "Tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeReceipt" ADD CONSTRAINT "NoticeReceipt_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeReceipt" ADD CONSTRAINT "NoticeReceipt_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuietAnswer" ADD CONSTRAINT "QuietAnswer_tenderId_fkey" FOREIGN KEY ("tenderId") REFERENCES "Tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuietAnswer" ADD CONSTRAINT "QuietAnswer_replyId_fkey" FOREIGN KEY ("replyId") REFERENCES "Reply"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuietAnswer" ADD CONSTRAINT "QuietAnswer_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE CASCADE ON UPDATE CASCADE;

