using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlowForge.Storage.Migrations
{
    /// <inheritdoc />
    public partial class SecretChangedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "secrets_changed_at",
                table: "instances",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "secrets_changed_at",
                table: "instances");
        }
    }
}
