using FlowForge.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlowForge.Storage.Configurations;

internal sealed class JobLogConfiguration : IEntityTypeConfiguration<JobLogEntity>
{
    public void Configure(EntityTypeBuilder<JobLogEntity> builder)
    {
        builder.ToTable("job_logs");
        builder.HasKey(log => log.JobId);
        builder.Property(log => log.JobId).ValueGeneratedNever();
        builder.HasOne<JobEntity>().WithOne().HasForeignKey<JobLogEntity>(log => log.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
