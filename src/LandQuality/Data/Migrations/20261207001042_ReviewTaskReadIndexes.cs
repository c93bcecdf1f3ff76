using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReviewTaskReadIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_case",
                table: "review_tasks",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_claimed",
                table: "review_tasks",
                column: "claimed_by",
                filter: "status = 'Claimed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_tasks_case",
                table: "review_tasks");

            migrationBuilder.DropIndex(
                name: "ix_review_tasks_claimed",
                table: "review_tasks");
        }
    }
}
