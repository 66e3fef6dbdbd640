-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('must', 'should', 'could');

-- CreateEnum
CREATE TYPE "RequirementStatus" AS ENUM ('open', 'withdrawn');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "ReplyKind" AS ENUM ('comment', 'question', 'suggestion', 'answer');

-- AlterTable
ALTER TABLE "Tender" ADD COLUMN     "requirementSeq" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Requirement" (
    "id" SERIAL NOT NULL,
    "tenderId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "status" "RequirementStatus" NOT NULL DEFAULT 'open',
    "teamTs" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Requirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequirementRevision" (
    "id" SERIAL NOT NULL,
    "requirementId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "details" TEXT,
    "category" TEXT,
    "priority" "Priority" NOT NULL,
    "acceptanceCriteria" TEXT,
    "inputDueOn" DATE,
    "changeNote" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequirementRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RevisionInfluence" (
    "revisionId" INTEGER NOT NULL,
    "replyId" INTEGER NOT NULL,

    CONSTRAINT "RevisionInfluence_pkey" PRIMARY KEY ("revisionId","replyId")
);

-- CreateTable
CREATE TABLE "RequirementPost" (
    "id" SERIAL NOT NULL,
    "requirementId" INTEGER NOT NULL,
    "sellerId" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "shownVersion" INTEGER NOT NULL,
    "shownWithdrawn" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RequirementPost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "tenderId" INTEGER NOT NULL,
    "requirementId" INTEGER,
    "sellerId" INTEGER,
    "channelId" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "ts" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reply" (
    "id" SERIAL NOT NULL,
    "requirementId" INTEGER NOT NULL,
    "sellerId" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "threadTs" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userTeamId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "fromSeller" BOOLEAN NOT NULL,
    "kind" "ReplyKind" NOT NULL,
    "text" TEXT NOT NULL,
    "edited" BOOLEAN NOT NULL DEFAULT false,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "answeredAt" TIMESTAMP(3),
    "mirrorTs" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReplyEdit" (
    "id" SERIAL NOT NULL,
    "replyId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "editedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReplyEdit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Clarification" (
    "id" SERIAL NOT NULL,
    "requirementId" INTEGER NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "replyId" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Clarification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Requirement_tenderId_number_key" ON "Requirement"("tenderId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "RequirementRevision_requirementId_version_key" ON "RequirementRevision"("requirementId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "RequirementPost_requirementId_sellerId_key" ON "RequirementPost"("requirementId", "sellerId");

-- CreateIndex
CREATE UNIQUE INDEX "RequirementPost_channelId_ts_key" ON "RequirementPost"("channelId", "ts");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_key_key" ON "Delivery"("key");

-- CreateIndex
CREATE INDEX "Delivery_status_leaseUntil_idx" ON "Delivery"("status", "leaseUntil");

-- CreateIndex
CREATE INDEX "Delivery_requirementId_idx" ON "Delivery"("requirementId");

-- CreateIndex
CREATE INDEX "Reply_requirementId_sellerId_idx" ON "Reply"("requirementId", "sellerId");

-- CreateIndex
CREATE UNIQUE INDEX "Reply_channelId_ts_key" ON "Reply"("channelId", "ts");

-- AddForeignKey
ALTER TABLE "Requirement" ADD CONSTRAINT "Requirement_tenderId_fkey" FOREIGN KEY ("tenderId") REFERENCES "Tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequirementRevision" ADD CONSTRAINT "RequirementRevision_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "Requirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevisionInfluence" ADD CONSTRAINT "RevisionInfluence_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "RequirementRevision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevisionInfluence" ADD CONSTRAINT "RevisionInfluence_replyId_fkey" FOREIGN KEY ("replyId") REFERENCES "Reply"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequirementPost" ADD CONSTRAINT "RequirementPost_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "Requirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequirementPost" ADD CONSTRAINT "RequirementPost_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "Requirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyEdit" ADD CONSTRAINT "ReplyEdit_replyId_fkey" FOREIGN KEY ("replyId") REFERENCES "Reply"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Clarification" ADD CONSTRAINT "Clarification_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "Requirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

