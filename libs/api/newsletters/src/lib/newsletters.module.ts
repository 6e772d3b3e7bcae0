import { StatisticsModule } from '@mijn-account/api-statistics';
import { Module } from '@nestjs/common';
import { MailModule } from '@mijn-account/api-mail';
import {
  MyNewslettersController,
  NewsletterAdminController,
  NewsletterLinksController,
} from './newsletters.controller';
import { NewsletterTokens } from './newsletter-tokens';
import { NewslettersService } from './newsletters.service';

/** Newsletter lists, double opt-in subscriptions, the consent ledger and one-click unsubscribe. */
@Module({
  imports: [MailModule, StatisticsModule],
  controllers: [MyNewslettersController, NewsletterLinksController, NewsletterAdminController],
  providers: [NewslettersService, NewsletterTokens],
})
export class NewslettersModule {}
