using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class QueueIndexesInClaimOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_tasks_queue",
                table: "review_tasks");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_escalated_queue",
                table: "review_tasks",
                columns: new[] { "escalated_to_role", "jurisdiction", "priority", "due_at", "id" },
                descending: new[] { false, false, true, false, false },
                filter: "status = 'Open' AND escalated_to_role IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_queue",
                table: "review_tasks",
                columns: new[] { "role", "jurisdiction", "priority", "due_at", "id" },
                descending: new[] { false, false, true, false, false },
                filter: "status = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_tasks_escalated_queue",
                table: "review_tasks");

            migrationBuilder.DropIndex(
                name: "ix_review_tasks_queue",
                table: "review_tasks");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_queue",
                table: "review_tasks",
                columns: new[] { "role", "jurisdiction", "priority", "due_at" },
                filter: "status = 'Open'");
        }
    }
}
