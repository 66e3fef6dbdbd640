-- CreateEnum
CREATE TYPE "MetricDirection" AS ENUM ('lower', 'higher');

-- CreateEnum
CREATE TYPE "MetricStatus" AS ENUM ('active', 'retired');

-- CreateEnum
CREATE TYPE "Confidence" AS ENUM ('low', 'medium', 'high');

-- CreateEnum
CREATE TYPE "SuggestionStatus" AS ENUM ('open', 'accepted', 'declined');

-- AlterTable
ALTER TABLE "Tender" ADD COLUMN     "metricSeq" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Metric" (
    "id" SERIAL NOT NULL,
    "tenderId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" "MetricDirection" NOT NULL,
    "baseline" DOUBLE PRECISION NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 1,
    "measuredHow" TEXT,
    "whyItMatters" TEXT,
    "status" "MetricStatus" NOT NULL DEFAULT 'active',
    "version" INTEGER NOT NULL DEFAULT 1,
    "suggestedBySellerId" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Metric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequirementMetric" (
    "requirementId" INTEGER NOT NULL,
    "metricId" INTEGER NOT NULL,

    CONSTRAINT "RequirementMetric_pkey" PRIMARY KEY ("requirementId","metricId")
);

-- CreateTable
CREATE TABLE "EstimateSet" (
    "id" SERIAL NOT NULL,
    "tenderId" INTEGER NOT NULL,
    "sellerId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "authorUserId" TEXT NOT NULL,
    "authorTeamId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EstimateSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Estimate" (
    "id" SERIAL NOT NULL,
    "setId" INTEGER NOT NULL,
    "metricId" INTEGER NOT NULL,
    "metricVersion" INTEGER NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "confidence" "Confidence" NOT NULL,
    "monthsAfterGoLive" INTEGER,
    "assumptions" TEXT,
    "evidenceLessonId" INTEGER,
    "evidenceReference" TEXT,
    "evidenceLink" TEXT,

    CONSTRAINT "Estimate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricSuggestion" (
    "id" SERIAL NOT NULL,
    "tenderId" INTEGER NOT NULL,
    "sellerId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "why" TEXT NOT NULL,
    "authorUserId" TEXT NOT NULL,
    "status" "SuggestionStatus" NOT NULL DEFAULT 'open',
    "decidedBy" TEXT,
    "declineReason" TEXT,
    "metricId" INTEGER,
    "teamTs" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "MetricSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Metric_tenderId_number_key" ON "Metric"("tenderId", "number");

-- CreateIndex
CREATE INDEX "RequirementMetric_metricId_idx" ON "RequirementMetric"("metricId");

-- CreateIndex
CREATE INDEX "EstimateSet_tenderId_idx" ON "EstimateSet"("tenderId");

-- CreateIndex
CREATE UNIQUE INDEX "EstimateSet_sellerId_version_key" ON "EstimateSet"("sellerId", "version");

-- CreateIndex
CREATE INDEX "Estimate_metricId_idx" ON "Estimate"("metricId");

-- CreateIndex
CREATE UNIQUE INDEX "Estimate_setId_metricId_key" ON "Estimate"("setId", "metricId");

-- CreateIndex
CREATE UNIQUE INDEX "MetricSuggestion_metricId_key" ON "MetricSuggestion"("metricId");

-- CreateIndex
CREATE INDEX "MetricSuggestion_tenderId_idx" ON "MetricSuggestion"("tenderId");

-- AddForeignKey
ALTER TABLE "Metric" ADD CONSTRAINT "Metric_tenderId_fkey" FOREIGN KEY ("tenderId") REFERENCES "Tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Metric" ADD CONSTRAINT "Metric_suggestedBySellerId_fkey" FOREIGN KEY ("suggestedBySellerId") REFERENCES "Seller"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequirementMetric" ADD CONSTRAINT "RequirementMetric_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "Requirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequirementMetric" ADD CONSTRAINT "RequirementMetric_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EstimateSet" ADD CONSTRAINT "EstimateSet_tenderId_fkey" FOREIGN KEY ("tenderId") REFERENCES "Tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EstimateSet" ADD CONSTRAINT "EstimateSet_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_setId_fkey" FOREIGN KEY ("setId") REFERENCES "EstimateSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricSuggestion" ADD CONSTRAINT "MetricSuggestion_tenderId_fkey" FOREIGN KEY ("tenderId") REFERENCES "Tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricSuggestion" ADD CONSTRAINT "MetricSuggestion_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricSuggestion" ADD CONSTRAINT "MetricSuggestion_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE SET NULL ON UPDATE CASCADE;

