using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <summary>
    /// Fewer index entries per decision. A task's status change is never a HOT update (status is in the
    /// queue indexes' predicates), so every index whose predicate the new row version satisfies gets an
    /// entry: the case_id index now holds active tasks only (what the sweep asks for), so completing a
    /// task adds nothing to it. The case's stage index served no query; without it, and with room left
    /// on each page (fillfactor 80; a truncated or new table only), moving a case to its next stage is
    /// a HOT update that touches none of the case indexes.
    /// </summary>
    public partial class ReviewIndexesForTheHotPath : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_tasks_case_id",
                table: "review_tasks");

            migrationBuilder.DropIndex(
                name: "ix_review_cases_status_stage_commune_code",
                table: "review_cases");

            migrationBuilder.AlterTable(
                name: "review_cases")
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_active_case",
                table: "review_tasks",
                column: "case_id",
                filter: "status IN ('Open', 'Claimed')");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_tasks_active_case",
                table: "review_tasks");

            migrationBuilder.AlterTable(
                name: "review_cases")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_case_id",
                table: "review_tasks",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_cases_status_stage_commune_code",
                table: "review_cases",
                columns: new[] { "status", "stage", "commune_code" });
        }
    }
}
