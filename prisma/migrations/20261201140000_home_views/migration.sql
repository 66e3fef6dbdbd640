-- CreateTable
CREATE TABLE "HomeView" (
    "userId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "HomeView_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "HomeView_teamId_idx" ON "HomeView"("teamId");
