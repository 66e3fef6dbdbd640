-- AlterTable
ALTER TABLE "EstimateSet" ADD COLUMN     "workKey" TEXT;

-- AlterTable
ALTER TABLE "MetricSuggestion" ADD COLUMN     "workKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "EstimateSet_workKey_key" ON "EstimateSet"("workKey");

-- CreateIndex
CREATE UNIQUE INDEX "MetricSuggestion_workKey_key" ON "MetricSuggestion"("workKey");

