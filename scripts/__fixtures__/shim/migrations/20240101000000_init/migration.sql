-- CreateTable
CREATE TABLE "shim_widget" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,

    CONSTRAINT "shim_widget_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "shim_widget_label_key" ON "shim_widget"("label");

-- Hand-written: a function body containing ";" (stock adapter-pg splits scripts on every ";" and breaks this).
CREATE FUNCTION shim_label() RETURNS text LANGUAGE sql AS $$ SELECT 'a;b' $$;
