import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading.js';

export default function NotFoundPage() {
  return (
    <>
      <PageHeading>页面不存在</PageHeading>
      <p>您访问的页面不存在，可能链接有误或页面已调整。</p>
      <p>
        <Link to="/">返回首页</Link>
      </p>
    </>
  );
}
