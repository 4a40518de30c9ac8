using FlowForge.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlowForge.Storage.Configurations;

internal sealed class JobConfiguration : IEntityTypeConfiguration<JobEntity>
{
    public void Configure(EntityTypeBuilder<JobEntity> builder)
    {
        builder.ToTable("jobs");
        builder.HasKey(job => job.Id);
        builder.HasMany(job => job.Steps).WithOne().HasForeignKey(step => step.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(job => new { job.RunId, job.NativeId }).IsUnique().HasDatabaseName("ux_jobs_run_native");
    }
}
