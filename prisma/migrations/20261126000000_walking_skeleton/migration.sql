-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "TenderStage" AS ENUM ('courting', 'requirements', 'proposal', 'evaluation', 'awarded', 'closed');

-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('owner', 'member');

-- CreateEnum
CREATE TYPE "SellerStatus" AS ENUM ('invited', 'share_manually', 'joined', 'declined');

-- CreateEnum
CREATE TYPE "InviteStatus" AS ENUM ('sent', 'failed', 'accepted', 'declined');

-- CreateTable
CREATE TABLE "Installation" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "teamName" TEXT NOT NULL,
    "botUserId" TEXT NOT NULL,
    "tenderSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Installation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tender" (
    "id" SERIAL NOT NULL,
    "installationId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "goal" TEXT,
    "stage" "TenderStage" NOT NULL DEFAULT 'courting',
    "slug" TEXT NOT NULL,
    "teamChannelId" TEXT NOT NULL,
    "cardTs" TEXT,
    "timezone" TEXT NOT NULL,
    "questionsDueOn" DATE,
    "proposalsDueOn" DATE,
    "awardPlannedOn" DATE,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tender_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TenderMember" (
    "tenderId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "MemberRole" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TenderMember_pkey" PRIMARY KEY ("tenderId","userId")
);

-- CreateTable
CREATE TABLE "Seller" (
    "id" SERIAL NOT NULL,
    "tenderId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "slackTeamId" TEXT,
    "status" "SellerStatus" NOT NULL DEFAULT 'invited',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Seller_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SellerInvite" (
    "id" SERIAL NOT NULL,
    "sellerId" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "status" "InviteStatus" NOT NULL,
    "errorCode" TEXT,
    "slackInviteId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SellerInvite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "eventId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "tenderId" INTEGER,
    "actorUserId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Installation_teamId_key" ON "Installation"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "Tender_teamChannelId_key" ON "Tender"("teamChannelId");

-- CreateIndex
CREATE UNIQUE INDEX "Tender_installationId_number_key" ON "Tender"("installationId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Seller_channelId_key" ON "Seller"("channelId");

-- CreateIndex
CREATE UNIQUE INDEX "Seller_tenderId_slug_key" ON "Seller"("tenderId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "SellerInvite_sellerId_email_key" ON "SellerInvite"("sellerId", "email");

-- CreateIndex
CREATE INDEX "ProcessedEvent_receivedAt_idx" ON "ProcessedEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "AuditEvent_tenderId_createdAt_idx" ON "AuditEvent"("tenderId", "createdAt");

-- AddForeignKey
ALTER TABLE "Tender" ADD CONSTRAINT "Tender_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "Installation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TenderMember" ADD CONSTRAINT "TenderMember_tenderId_fkey" FOREIGN KEY ("tenderId") REFERENCES "Tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Seller" ADD CONSTRAINT "Seller_tenderId_fkey" FOREIGN KEY ("tenderId") REFERENCES "Tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SellerInvite" ADD CONSTRAINT "SellerInvite_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_tenderId_fkey" FOREIGN KEY ("tenderId") REFERENCES "Tender"("id") ON DELETE SET NULL ON UPDATE CASCADE;

