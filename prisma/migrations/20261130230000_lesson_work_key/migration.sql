-- AlterTable
ALTER TABLE "Lesson" ADD COLUMN     "workKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Lesson_workKey_key" ON "Lesson"("workKey");

