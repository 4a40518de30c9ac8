using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlowForge.Storage.Migrations
{
    /// <inheritdoc />
    public partial class JobLogsAndRateLimitHealth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "rate_limit_limit",
                table: "instances",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "rate_limit_observed_at",
                table: "instances",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rate_limit_remaining",
                table: "instances",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "rate_limit_resets_at",
                table: "instances",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rate_limit_resource",
                table: "instances",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "job_logs",
                columns: table => new
                {
                    job_id = table.Column<long>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    is_complete = table.Column<bool>(type: "INTEGER", nullable: false),
                    fetched_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_logs", x => x.job_id);
                    table.ForeignKey(
                        name: "FK_job_logs_jobs_job_id",
                        column: x => x.job_id,
                        principalTable: "jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "job_logs");

            migrationBuilder.DropColumn(
                name: "rate_limit_limit",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "rate_limit_observed_at",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "rate_limit_remaining",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "rate_limit_resets_at",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "rate_limit_resource",
                table: "instances");
        }
    }
}
