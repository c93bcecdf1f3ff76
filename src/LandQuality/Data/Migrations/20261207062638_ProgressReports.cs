using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProgressReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each progress report made (lq report, the web's download): the verified share of each of its lines, so the
            // next report of the same scope says what changed since.
            migrationBuilder.Sql("""
                CREATE TABLE progress_reports (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    scope_code text NOT NULL,
                    made_at timestamptz NOT NULL,
                    made_by text NOT NULL,
                    shares jsonb NOT NULL);
                CREATE INDEX ix_progress_reports_scope ON progress_reports (scope_code, made_at DESC);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE progress_reports;");
        }
    }
}
