-- CreateTable
CREATE TABLE "Lesson" (
    "id" SERIAL NOT NULL,
    "tenderId" INTEGER NOT NULL,
    "sellerId" INTEGER,
    "requirementId" INTEGER,
    "authorUserId" TEXT NOT NULL,
    "authorTeamId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "fromSeller" BOOLEAN NOT NULL,
    "title" TEXT NOT NULL,
    "situation" TEXT NOT NULL,
    "lesson" TEXT NOT NULL,
    "recommendation" TEXT,
    "impact" TEXT,
    "tags" TEXT[],
    "tagsText" TEXT NOT NULL DEFAULT '',
    "channelId" TEXT NOT NULL,
    "threadTs" TEXT,
    "sourceChannelId" TEXT,
    "sourceTs" TEXT,
    "sourceLink" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Lesson_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LessonApplication" (
    "lessonId" INTEGER NOT NULL,
    "requirementId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LessonApplication_pkey" PRIMARY KEY ("lessonId","requirementId","version")
);

-- CreateIndex
CREATE INDEX "Lesson_tenderId_createdAt_idx" ON "Lesson"("tenderId", "createdAt");

-- CreateIndex
CREATE INDEX "Lesson_sellerId_idx" ON "Lesson"("sellerId");

-- CreateIndex
CREATE INDEX "LessonApplication_requirementId_idx" ON "LessonApplication"("requirementId");

-- AddForeignKey
ALTER TABLE "Lesson" ADD CONSTRAINT "Lesson_tenderId_fkey" FOREIGN KEY ("tenderId") REFERENCES "Tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lesson" ADD CONSTRAINT "Lesson_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lesson" ADD CONSTRAINT "Lesson_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "Requirement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LessonApplication" ADD CONSTRAINT "LessonApplication_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LessonApplication" ADD CONSTRAINT "LessonApplication_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "Requirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search: a title match weighs most (A), then tags (B), then the text (C).
ALTER TABLE "Lesson" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce("title", '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce("tagsText", '')), 'B') ||
    setweight(to_tsvector('english'::regconfig,
        coalesce("situation", '') || ' ' || coalesce("lesson", '') || ' ' ||
        coalesce("recommendation", '') || ' ' || coalesce("impact", '')), 'C')
) STORED;

CREATE INDEX "Lesson_search_idx" ON "Lesson" USING GIN ("search");
